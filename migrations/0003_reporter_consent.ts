import type { Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// The envelope is bound into the report's associated data, so the reporter's later changes of
// consent cannot be written into envelope_json without breaking the unit's decryption. They live
// in their own columns: NULL means "as in the envelope".

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema.alterTable('reports').addColumn('consent_warn', 'integer').execute();
	await db.schema.alterTable('reports').addColumn('consent_police', 'text').execute();
	await db.schema.alterTable('reports').addColumn('consent_changed_at', 'text').execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.alterTable('reports').dropColumn('consent_changed_at').execute();
	await db.schema.alterTable('reports').dropColumn('consent_police').execute();
	await db.schema.alterTable('reports').dropColumn('consent_warn').execute();
}
