import type SQLite from 'better-sqlite3';

/**
 * Keeps the last `size` prepared statements of a connection by their SQL. Kysely prepares every
 * query afresh, and compiling the SQL was a fair share of a report's time on the submit path;
 * the queries repeat, so each is compiled once. A statement is reused only when it is idle (one
 * still being iterated is never handed out twice), and a schema change makes SQLite re-prepare a
 * statement by itself.
 */
export function cacheStatements(sqlite: SQLite.Database, size = 500): void {
	const prepare = sqlite.prepare.bind(sqlite);
	const cache = new Map<string, SQLite.Statement>();
	sqlite.prepare = ((source: string) => {
		const cached = cache.get(source);
		if (cached && !cached.busy) {
			// Most recent last, so the first key is the one to drop when full.
			cache.delete(source);
			cache.set(source, cached);
			return cached;
		}
		const statement = prepare(source);
		cache.set(source, statement);
		if (cache.size > size) {
			cache.delete(cache.keys().next().value as string);
		}
		return statement;
	}) as typeof sqlite.prepare;
}
