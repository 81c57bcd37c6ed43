import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The next order number for a report or a message. Call it inside the transaction that inserts
 * the row: writers are serialised (SQLite, and withAudit's lock on PostgreSQL), so it cannot race. */
export async function nextSeq(
	trx: Kysely<Database>,
	table: 'reports' | 'messages'
): Promise<number> {
	const row = await trx
		.selectFrom(table)
		.select((eb) => eb.fn.max<number | null>('seq').as('last'))
		.executeTakeFirst();
	return Number(row?.last ?? 0) + 1;
}
