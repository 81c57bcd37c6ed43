import type { Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// Ugly-mug warnings (DESIGN §5.9). The first migration made the table's bare shape; a warning also
// needs its life cycle: who wrote it and when, an expiry, whether it came from a report at all,
// the signed deviation that allowed it against the reporter's wish, and its earlier published
// versions, kept so a published edit is never a silent rewrite.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	const add = (column: string, type: 'text' | 'integer', fill?: string | number) =>
		db.schema
			.alterTable('warnings')
			.addColumn(column, type, (c) => (fill === undefined ? c : c.notNull().defaultTo(fill)))
			.execute();
	await add('description', 'text', '');
	await add('version', 'integer', 1);
	await add('expires_on', 'text');
	await add('created_at', 'text', '');
	await add('created_by', 'text');
	await add('updated_at', 'text', '');
	await add('source_note', 'text', '');
	await add('deviation_id', 'text');
	await add('retracted_by', 'text');
	await db.schema
		.createIndex('warnings_status_published')
		.on('warnings')
		.columns(['status', 'published_at'])
		.execute();
	await db.schema.createIndex('warnings_report').on('warnings').column('report_id').execute();

	await db.schema
		.createTable('warning_versions')
		.addColumn('warning_id', 'text', (c) =>
			c.notNull().references('warnings.id').onDelete('cascade')
		)
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('saved_at', 'text', (c) => c.notNull())
		.addColumn('saved_by', 'text')
		.addColumn('content_json', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('warning_versions_pk', ['warning_id', 'version'])
		.execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.dropTable('warning_versions').execute();
	await db.schema.dropIndex('warnings_report').execute();
	await db.schema.dropIndex('warnings_status_published').execute();
	for (const column of [
		'retracted_by',
		'deviation_id',
		'source_note',
		'updated_at',
		'created_by',
		'created_at',
		'expires_on',
		'version',
		'description'
	]) {
		await db.schema.alterTable('warnings').dropColumn(column).execute();
	}
}
