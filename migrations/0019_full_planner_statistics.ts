import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// The planner's statistics on SQLite were gathered with `analysis_limit = 1000`, which reads only
// the first entries of each index. Where an index leads with a column of few values (status,
// team, consent) those entries all hold one value, so the figures said each status matched 1,001
// of 100,000 reports, and the open queue sorted 70,000 rows for every page. The server now
// gathers full statistics, but only where a table has grown or shrunk twofold, so figures already
// sampled would stay for up to a day. This analyses everything once, in full. The queue's index
// already ends in `seq` (0007), so no index changes. PostgreSQL keeps its own statistics.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		return;
	}
	await sql`pragma analysis_limit = 0`.execute(db);
	await sql`analyze`.execute(db);
}

export async function down(): Promise<void> {
	// Statistics only: nothing to undo.
}
