import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { TextWithoutNul } from './postgres-text';
import type { Database } from './schema';

/**
 * Counts and sums come back from PostgreSQL as bigint, which `pg` returns as text to keep
 * precision. Every such value here is a count of rows, far below 2^53, and the code reads them
 * as numbers as it does on SQLite; so they are parsed as numbers, for this pool only.
 */
const INT8 = 20;
const NUMERIC = 1700;
const types = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === INT8 || oid === NUMERIC) {
			return (value: string) => Number(value);
		}
		return pg.types.getTypeParser(oid, format);
	}
};

/** Connections per instance: PostgreSQL runs writers side by side, unlike SQLite's one. */
const poolSize = () => Math.max(1, Number(process.env.DATABASE_POOL_SIZE ?? '10') || 10);

/** Opens a PostgreSQL database through a connection pool (`DATABASE_URL=postgres://…`). */
export function openPostgres(url: string): Kysely<Database> {
	const pool = new pg.Pool({ connectionString: url, max: poolSize(), types });
	// An idle connection the server drops (a restart, a failover) must not crash the process:
	// the pool replaces it, and the next query fails or succeeds on its own.
	pool.on('error', (err) => console.error('database connection lost:', err.message));
	return new Kysely<Database>({
		dialect: new PostgresDialect({ pool }),
		plugins: [new TextWithoutNul()]
	});
}
