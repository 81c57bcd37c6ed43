import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time, as the migrations that import it: imports no application code, and never
// changes what it answers, or a migration already run would make another schema when run again.

/** The binary column type: `blob` on SQLite (as every migration always made it), `bytea` on
 * PostgreSQL. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const binary = (db: Kysely<any>) =>
	db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
