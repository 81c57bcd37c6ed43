import { sql, type Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// Reporter-originated times are kept to the hour from now on (docs/decisions.md, "Reporter times
// to the hour"), so time alone no longer orders a thread or the reports of one hour. A sequence
// number on reports and messages keeps their order; the queue's indexes gain it as a tie-breaker.
// Times already stored by reporters are coarsened too; the audit chain cannot be rewritten.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const QUEUE_INDEXES = {
	reports_queue_rank: [] as string[],
	reports_status_rank: ['status'],
	reports_team_rank: ['team']
};

/** `2026-11-30T17:42:13.123Z` → `2026-11-30T17:00:00.000Z` (ISO text, as every timestamp). */
const hour = (column: string) => sql.raw(`substr(${column}, 1, 13) || ':00:00.000Z'`);

export async function up(db: Db): Promise<void> {
	for (const table of ['reports', 'messages']) {
		await db.schema
			.alterTable(table)
			.addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
		await sql
			.raw(
				`update ${table} set seq = (select n from (select id, row_number() over (order by created_at, id) as n from ${table}) as ordered where ordered.id = ${table}.id)`
			)
			.execute(db);
	}
	await db.schema
		.createIndex('messages_report_seq')
		.on('messages')
		.columns(['report_id', 'seq'])
		.execute();
	await db.schema.createIndex('reports_seq').on('reports').column('seq').execute();

	await sql`update reports set created_at = ${hour('created_at')}`.execute(db);
	await sql`update reports set consent_changed_at = ${hour('consent_changed_at')} where consent_changed_at is not null`.execute(
		db
	);
	await sql`update reports set withdrawn_at = ${hour('withdrawn_at')} where withdrawn_at is not null`.execute(
		db
	);
	await sql`update messages set created_at = ${hour('created_at')} where direction = 'from_reporter'`.execute(
		db
	);
	await sql`update messages set read_at = ${hour('read_at')} where direction = 'to_reporter' and read_at is not null`.execute(
		db
	);

	for (const [name, lead] of Object.entries(QUEUE_INDEXES)) {
		await db.schema.dropIndex(name).execute();
		await db.schema
			.createIndex(name)
			.on('reports')
			.columns([...lead, 'queue_rank', 'created_at', 'seq', 'id'])
			.execute();
	}
	await sql`analyze`.execute(db);
}

export async function down(db: Db): Promise<void> {
	for (const [name, lead] of Object.entries(QUEUE_INDEXES)) {
		await db.schema.dropIndex(name).execute();
		await db.schema
			.createIndex(name)
			.on('reports')
			.columns([...lead, 'queue_rank', 'created_at', 'id'])
			.execute();
	}
	await db.schema.dropIndex('reports_seq').execute();
	await db.schema.dropIndex('messages_report_seq').execute();
	await db.schema.alterTable('messages').dropColumn('seq').execute();
	await db.schema.alterTable('reports').dropColumn('seq').execute();
}
