import { type Kysely } from 'kysely';
import { binary } from './portable';

// Frozen in time: imports no application code.
//
// Login backoff moves from the staff row to its own table, keyed by a keyed hash of the username
// as typed. An unknown name then backs off exactly like a real one (the lock no longer tells
// anyone which names exist), and no unknown name is ever stored in the clear.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema
		.createTable('login_backoff')
		.addColumn('name_hash', binary(db), (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('locked_until', 'text')
		.addColumn('last_failure_at', 'text', (c) => c.notNull())
		.execute();
	// Quiet names are forgotten; this keeps that sweep from reading the whole table.
	await db.schema
		.createIndex('login_backoff_last_failure')
		.on('login_backoff')
		.column('last_failure_at')
		.execute();
	await db.schema.alterTable('staff').dropColumn('locked_until').execute();
	await db.schema.alterTable('staff').dropColumn('failed_logins').execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema
		.alterTable('staff')
		.addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.alterTable('staff').addColumn('locked_until', 'text').execute();
	await db.schema.dropTable('login_backoff').execute();
}
