import { sql } from 'kysely';
import type { Db } from '.';

/**
 * The query planner's table statistics (sqlite_stat1), kept valid by the server itself. Without
 * them SQLite takes every table for about a million rows, and the triage queue's first page takes
 * hundreds of milliseconds instead of tens. `pragma optimize` alone does not help: it analyses a
 * table only once its size has moved many-fold from the planner's figure, and a table never
 * analysed stands at the million-row guess, so a fresh clone, a restored backup or an import of
 * 100,000 reports is never analysed. So the server checks when it starts (after its migrations)
 * and whenever the number of reports has doubled since the last check: any table of some size
 * whose indexes lack statistics, or whose size has moved twofold from them, is analysed. Once a
 * day everything is analysed again. All of it is bounded by `analysis_limit` (a sample of rows
 * per index: milliseconds at any size). PostgreSQL keeps its own statistics (autovacuum).
 */

/** Below this many rows, the planner's choice does not matter. */
const MIN_ROWS = 100;
/** How far a table may grow or shrink from its statistics before they are refreshed. */
const DRIFT = 2;
/** Rows sampled per index (SQLite's `analysis_limit`). */
const SAMPLE_ROWS = 1000;
const DAY_MS = 24 * 60 * 60_000;

const isSqlite = (db: Db) => db.getExecutor().adapter.constructor.name === 'SqliteAdapter';

/** Tables with indexes whose statistics are missing or drifted; their names come from the schema. */
async function staleTables(db: Db): Promise<string[]> {
	const { rows: indexed } = await sql<{ tbl: string; indexes: number }>`
		select tbl_name as tbl, count(*) as indexes from sqlite_master
		where type = 'index' and tbl_name not like 'sqlite_%' group by tbl_name`.execute(db);
	const { rows: stats } = await sql<{ tbl: string; idx: string | null; stat: string }>`
		select tbl, idx, stat from sqlite_stat1`
		.execute(db)
		.catch(() => ({ rows: [] }));
	const stale: string[] = [];
	for (const { tbl, indexes } of indexed) {
		const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(tbl)}`.execute(
			db
		);
		const count = Number(rows[0]?.n ?? 0);
		const own = stats.filter((s) => s.tbl === tbl);
		const known = own.length > 0 ? Number(own[0].stat.split(' ')[0]) : null;
		if (count < MIN_ROWS && (known === null || known < MIN_ROWS)) {
			continue;
		}
		const missing = own.filter((s) => s.idx !== null).length < indexes;
		const drifted = known === null || count >= known * DRIFT || count * DRIFT <= known;
		if (missing || drifted) {
			stale.push(tbl);
		}
	}
	return stale;
}

interface Watch {
	/** Reports at the last check, and reports written since. */
	reportsAtCheck: number;
	writtenSince: number;
	running: Promise<boolean> | null;
}
const watches = new WeakMap<Db, Watch>();
const watchOf = (db: Db): Watch => {
	let watch = watches.get(db);
	if (!watch) {
		watch = { reportsAtCheck: 0, writtenSince: 0, running: null };
		watches.set(db, watch);
	}
	return watch;
};

/** Analyses the tables whose statistics are missing or stale; true if it analysed any. */
export function refreshPlannerStatistics(db: Db): Promise<boolean> {
	if (!isSqlite(db)) {
		return Promise.resolve(false);
	}
	const watch = watchOf(db);
	watch.running ??= (async () => {
		try {
			const stale = await staleTables(db);
			for (const tbl of stale) {
				await sql`pragma analysis_limit = ${sql.raw(String(SAMPLE_ROWS))}`.execute(db);
				// ANALYZE also has this connection's planner read the new figures at once.
				await sql`analyze ${sql.table(tbl)}`.execute(db);
			}
			const { rows } = await sql<{ n: number }>`select count(*) as n from reports`.execute(db);
			watch.reportsAtCheck = Number(rows[0]?.n ?? 0);
			watch.writtenSince = 0;
			return stale.length > 0;
		} finally {
			await sql`pragma analysis_limit = 0`.execute(db).catch(() => undefined);
			watch.running = null;
		}
	})();
	return watch.running;
}

/**
 * What the server runs when it opens its database, after the migrations: the check, then once a
 * day an ANALYZE of everything however little the sizes moved, since triage changes how rows are
 * spread over statuses and teams without changing how many there are.
 */
export async function startPlannerStatistics(db: Db): Promise<void> {
	if (!isSqlite(db)) {
		return;
	}
	await refreshPlannerStatistics(db);
	const daily = setInterval(() => {
		void analyzeEverything(db).catch(() => clearInterval(daily));
	}, DAY_MS);
	daily.unref();
}

/** The daily pass: every table analysed again, bounded by `analysis_limit`. */
export async function analyzeEverything(db: Db): Promise<void> {
	if (!isSqlite(db)) {
		return;
	}
	try {
		await sql`pragma analysis_limit = ${sql.raw(String(SAMPLE_ROWS))}`.execute(db);
		await sql`analyze`.execute(db);
	} finally {
		await sql`pragma analysis_limit = 0`.execute(db).catch(() => undefined);
	}
}

/** Counts reports written; once they have doubled the table since the last check, checks again. */
export function noteReportsWritten(db: Db, count = 1): void {
	if (!isSqlite(db)) {
		return;
	}
	const watch = watchOf(db);
	watch.writtenSince += count;
	if (!watch.running && watch.writtenSince >= Math.max(MIN_ROWS, watch.reportsAtCheck)) {
		void refreshPlannerStatistics(db).catch((err: unknown) =>
			console.error('planner statistics:', err instanceof Error ? err.message : 'unknown')
		);
	}
}

/** Resolves once a check in progress is over (tests and scripts that must see its result). */
export async function plannerStatisticsSettled(db: Db): Promise<void> {
	await watches.get(db)?.running?.catch(() => undefined);
}
