import type { Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// The retention purge deletes a report but keeps the warnings already published from it, with the
// link to the report cut. A warning must still say truthfully that it came from a report (the
// bulletin, the feed and the staff pages all say where a warning came from), so the moment its
// report was deleted is kept on the warning itself.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema.alterTable('warnings').addColumn('report_deleted_at', 'text').execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.alterTable('warnings').dropColumn('report_deleted_at').execute();
}
