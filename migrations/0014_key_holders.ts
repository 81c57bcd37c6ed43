import type { Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// Unit-key rotation and the two-key-holder rule. A grant may hold only the unit keys from one key
// on (`keys_from`, null for every key): a member can keep opening new reports without keeping the
// keys of older ones. A signed policy-deviation record that let an admin leave fewer than two
// members holding the keyring is cited here, once: the primary key stops it being reused.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema.alterTable('keyring_grants').addColumn('keys_from', 'text').execute();
	await db.schema
		.createTable('deviation_citations')
		.addColumn('deviation_id', 'text', (c) => c.primaryKey().references('deviations.id'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('cited_by', 'text', (c) => c.notNull().references('staff.id'))
		.addColumn('cited_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.dropTable('deviation_citations').execute();
	await db.schema.alterTable('keyring_grants').dropColumn('keys_from').execute();
}
