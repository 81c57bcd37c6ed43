import type { Kysely } from 'kysely';
import { binary } from './portable';

// Frozen in time: imports no application code.
//
// The code wallet (DESIGN §5.8): one ciphertext per organisation under a wallet key the server
// never holds, a compare-and-swap revision, and the key sealed to each worker's box key.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema
		.createTable('partner_wallets')
		.addColumn('org_id', 'text', (c) => c.primaryKey().references('partner_orgs.id'))
		.addColumn('key_version', 'integer', (c) => c.notNull())
		.addColumn('revision', 'integer', (c) => c.notNull())
		.addColumn('nonce', binary(db), (c) => c.notNull())
		.addColumn('ciphertext', binary(db), (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('rotation_due', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createTable('wallet_key_grants')
		.addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff.id'))
		.addColumn('org_id', 'text', (c) => c.notNull().references('partner_orgs.id'))
		.addColumn('key_version', 'integer', (c) => c.notNull())
		.addColumn('sealed_key', binary(db), (c) => c.notNull())
		.addColumn('granted_by', 'text', (c) => c.notNull().references('staff.id'))
		.addColumn('granted_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.dropTable('wallet_key_grants').execute();
	await db.schema.dropTable('partner_wallets').execute();
}
