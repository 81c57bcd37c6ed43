import { type Kysely, PostgresAdapter } from 'kysely';

/** True when the database is PostgreSQL (DATABASE_URL=postgres://…), false for SQLite. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const isPostgres = (db: Kysely<any>): boolean =>
	db.getExecutor().adapter instanceof PostgresAdapter;

/** True when a DATABASE_URL names a PostgreSQL server rather than a SQLite file. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);
