import type { Db } from '../db';
import type { AwaitingAcknowledgement } from '../../api/records';

/** Records that name a line manager who has not acknowledged them yet. */
const unacknowledged = (db: Db) =>
	db
		.selectFrom('deviations')
		.leftJoin('deviation_countersignatures as ack', 'ack.deviation_id', 'deviations.id')
		.where('deviations.line_manager_id', 'is not', null)
		.where('ack.deviation_id', 'is', null);

/** How many records wait for their line manager, unit-wide: a figure for the alerts digest. */
export async function deviationsAwaitingAcknowledgement(db: Db): Promise<number> {
	const row = await unacknowledged(db)
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
