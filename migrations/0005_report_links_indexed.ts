import type { Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// Blind indexes (DESIGN §5.6) can only be computed in a reviewer's browser, which needs to know
// which reports have never been indexed: a report that names no identifier has no report_links
// rows either, so "has rows" cannot tell the two apart.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema.alterTable('reports').addColumn('links_indexed_at', 'text').execute();
	await db.schema
		.createIndex('reports_links_indexed')
		.on('reports')
		.columns(['links_indexed_at', 'created_at'])
		.execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.dropIndex('reports_links_indexed').execute();
	await db.schema.alterTable('reports').dropColumn('links_indexed_at').execute();
}
