import type { Db } from '../db';
import type { AwaitingAcknowledgement } from '../../api/records';

/** Records that name a line manager who has not acknowledged them yet. */
const unacknowledged = (db: Db) =>
	db
		.selectFrom('deviations')
		.leftJoin('deviation_countersignatures as ack', 'ack.deviation_id', 'deviations.id')
		.where('deviations.line_manager_id', 'is not', null)
		.where('ack.deviation_id', 'is', null);

/** How many records wait for their line manager, unit-wide, or only those recorded in a period
 * (the alerts digest names each waiting record once, in the digest after it was made). */
export async function deviationsAwaitingAcknowledgement(
	db: Db,
	recorded?: { from: string; to: string }
): Promise<number> {
	let query = unacknowledged(db);
	if (recorded) {
		query = query
			.where('deviations.at', '>=', recorded.from)
			.where('deviations.at', '<', recorded.to);
	}
	const row = await query
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The records waiting for this member's acknowledgement, oldest first (the staff home page). */
export async function awaitingAcknowledgementBy(
	db: Db,
	staffId: string
): Promise<AwaitingAcknowledgement[]> {
	const rows = await unacknowledged(db)
		.innerJoin('staff as author', 'author.id', 'deviations.staff_id')
		.select(['deviations.id', 'deviations.at', 'author.username as author'])
		.where('deviations.line_manager_id', '=', staffId)
		.orderBy('deviations.at')
		.orderBy('deviations.id')
		.execute();
	return rows.map((row) => ({ id: row.id, at: row.at, author: row.author }));
}
