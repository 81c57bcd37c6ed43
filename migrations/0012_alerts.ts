import type { Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// Content-free alerts (issue 11). The outbox holds each delivery still owed to one channel
// ("email" or "webhook") until it is sent or given up: only its kind, its counts and its retry
// state, never a reference, a word of a report or a recipient's address (those are read from the
// settings when it is sent). A safeguarding report's alert is written in the same transaction
// as the report, so a crash between storing and sending loses nothing.
//
// A report records its safeguarding (MASH) referral: when and by whom, nothing more.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema
		.createTable('alert_outbox')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('channel', 'text', (c) => c.notNull())
		.addColumn('counts_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'text', (c) => c.notNull())
		.addColumn('last_error', 'text')
		.addColumn('finished_at', 'text')
		.execute();
	await db.schema
		.createIndex('alert_outbox_due')
		.on('alert_outbox')
		.columns(['status', 'next_attempt_at'])
		.execute();
	await db.schema.alterTable('reports').addColumn('mash_referred_at', 'text').execute();
	await db.schema.alterTable('reports').addColumn('mash_referred_by', 'text').execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.alterTable('reports').dropColumn('mash_referred_by').execute();
	await db.schema.alterTable('reports').dropColumn('mash_referred_at').execute();
	await db.schema.dropTable('alert_outbox').execute();
}
