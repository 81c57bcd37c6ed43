import type { Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// The triage queue must list and filter 100,000 reports without reading envelope JSON row by row,
// on SQLite and PostgreSQL alike. So the envelope's filterable fields are copied into columns on
// arrival (they are already readable by the server), incident types get their own table, and
// `queue_rank` folds "safeguarding first, then response grade" into one indexable number.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema.alterTable('reports').addColumn('area', 'text').execute();
	await db.schema.alterTable('reports').addColumn('police', 'text').execute();
	await db.schema.alterTable('reports').addColumn('warn', 'integer').execute();
	await db.schema
		.alterTable('reports')
		.addColumn('queue_rank', 'integer', (c) => c.notNull().defaultTo(50))
		.execute();
	await db.schema.dropIndex('reports_queue').execute();
	await db.schema
		.createIndex('reports_queue_rank')
		.on('reports')
		.columns(['queue_rank', 'created_at', 'id'])
		.execute();
	await db.schema
		.createIndex('reports_area')
		.on('reports')
		.columns(['area', 'queue_rank'])
		.execute();
	await db.schema
		.createIndex('reports_assignee')
		.on('reports')
		.columns(['assignee_id', 'queue_rank'])
		.execute();

	await db.schema
		.createTable('report_types')
		.addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('type', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('report_types_pk', ['report_id', 'type'])
		.execute();
	await db.schema
		.createIndex('report_types_type')
		.on('report_types')
		.columns(['type', 'report_id'])
		.execute();

	await db.schema
		.createIndex('messages_unread')
		.on('messages')
		.columns(['direction', 'read_at', 'report_id'])
		.execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.dropIndex('messages_unread').execute();
	await db.schema.dropTable('report_types').execute();
	await db.schema.dropIndex('reports_assignee').execute();
	await db.schema.dropIndex('reports_area').execute();
	await db.schema.dropIndex('reports_queue_rank').execute();
	await db.schema
		.createIndex('reports_queue')
		.on('reports')
		.columns(['priority', 'grade', 'created_at', 'id'])
		.execute();
	for (const column of ['queue_rank', 'warn', 'police', 'area']) {
		await db.schema.alterTable('reports').dropColumn(column).execute();
	}
}
