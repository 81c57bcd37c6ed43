import { type Kysely, PostgresAdapter } from 'kysely';

/** True when the database is PostgreSQL (DATABASE_URL=postgres://…), false for SQLite. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const isPostgres = (db: Kysely<any>): boolean =>
	db.getExecutor().adapter instanceof PostgresAdapter;

/** True when a DATABASE_URL names a PostgreSQL server rather than a SQLite file. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** True when a DATABASE_URL names a SQLite file: a second connection to it sees the same data
 * (`:memory:` is a database of each connection's own). */
export const isSqliteFileUrl = (url: string): boolean =>
	!isPostgresUrl(url) && sqlitePath(url) !== ':memory:';

/** The SQLite file a DATABASE_URL names: a path, or a `sqlite:` or `file:` URL of one. */
export const sqlitePath = (url: string): string => url.replace(/^(sqlite|file):(\/\/)?/, '');
