import type { Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// Several instances behind a load balancer share one PostgreSQL database, so what one instance
// knows about abuse must be known to all: the rate-limit counters (keyed by a keyed hash of the
// address bucket, never the address) and the proof-of-work challenges already spent. A single
// SQLite instance keeps both in memory (docs/decisions.md); the tables exist there too, unused.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema
		.createTable('rate_counters')
		.addColumn('bucket', 'text', (c) => c.primaryKey())
		.addColumn('window_start', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('rate_counters_window')
		.on('rate_counters')
		.column('window_start')
		.execute();
	await db.schema
		.createTable('spent_challenges')
		.addColumn('signature', 'text', (c) => c.primaryKey())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('spent_challenges_expiry')
		.on('spent_challenges')
		.column('expires_at')
		.execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.dropTable('spent_challenges').execute();
	await db.schema.dropTable('rate_counters').execute();
}
