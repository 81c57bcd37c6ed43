import type { Kysely } from 'kysely';
import type { Database, UnitKey } from '../db/schema';

/** The newest unretired unit key: new reports are sealed to it (DESIGN §3). */
export const activeUnitKey = (db: Kysely<Database>): Promise<UnitKey | undefined> =>
	db
		.selectFrom('unit_keys')
		.selectAll()
		.where('retired_at', 'is', null)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();

/** A key a report may still be sealed to: known and not retired (a client that fetched the key a
 * moment before a rotation still gets through). */
export const usableUnitKey = (db: Kysely<Database>, id: string): Promise<UnitKey | undefined> =>
	db
		.selectFrom('unit_keys')
		.selectAll()
		.where('id', '=', id)
		.where('retired_at', 'is', null)
		.executeTakeFirst();
