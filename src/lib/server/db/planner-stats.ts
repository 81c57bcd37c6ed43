import { sql } from 'kysely';
import type { Db } from '.';

/**
 * The query planner's table statistics (sqlite_stat1), kept valid by the server itself. Without
 * them SQLite takes every table for about a million rows, and the triage queue's first page takes
 * hundreds of milliseconds instead of tens. `pragma optimize` alone does not help: it analyses a
 * table only once its size has moved many-fold from the planner's figure, and a table never
 * analysed stands at the million-row guess, so a fresh clone, a restored backup or an import of
 * 100,000 reports is never analysed. So the server checks when it starts (after its migrations),
 * every hour, and whenever the number of reports has doubled since the last check: any table of
 * some size whose indexes lack statistics, or whose size has moved twofold from them, is analysed.
 * Once a day everything is analysed again.
 *
 * The analysis is full, never sampled. `analysis_limit` reads only the first entries of each
 * index, and where an index leads with a column of few values (status, team, consent) they all
 * hold one value: at 100,000 reports the planner was told that each status matches 1,001 rows,
 * took the status index for the open queue and sorted 70,000 rows for every page. A full pass
 * reads every index, so it goes one index at a time (`analyze <index>`, tens of milliseconds at
 * 100,000 reports) and lets the event loop run between two, so a report or a staff page arriving
 * meanwhile waits for one index at most. Each ANALYZE also has this connection's planner read the
 * new figures and re-prepare its statements. PostgreSQL keeps its own statistics (autovacuum).
 */

/** Below this many rows, the planner's choice does not matter. */
const MIN_ROWS = 100;
/** How far a table may grow or shrink from its statistics before they are refreshed. */
const DRIFT = 2;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

const isSqlite = (db: Db) => db.getExecutor().adapter.constructor.name === 'SqliteAdapter';

/** Lets whatever arrived meanwhile (a report, a staff page) be served before the next step. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every index of every table (SQLite's own automatic indexes included), by table. */
async function indexesByTable(db: Db): Promise<Map<string, string[]>> {
	const { rows } = await sql<{ tbl: string; name: string }>`
		select tbl_name as tbl, name from sqlite_master
		where type = 'index' and tbl_name not like 'sqlite_%' order by tbl_name, name`.execute(db);
	const tables = new Map<string, string[]>();
	for (const { tbl, name } of rows) {
		tables.set(tbl, [...(tables.get(tbl) ?? []), name]);
	}
	return tables;
}

/** The indexes of every table whose statistics are missing or drifted; names from the schema. */
async function staleIndexes(db: Db): Promise<string[]> {
	const { rows: stats } = await sql<{ tbl: string; idx: string | null; stat: string }>`
		select tbl, idx, stat from sqlite_stat1`
		.execute(db)
		.catch(() => ({ rows: [] }));
	const stale: string[] = [];
	for (const [tbl, indexes] of await indexesByTable(db)) {
		await nextTurn();
		const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(tbl)}`.execute(
			db
		);
		const count = Number(rows[0]?.n ?? 0);
		const own = stats.filter((s) => s.tbl === tbl);
		const known = own.length > 0 ? Number(own[0].stat.split(' ')[0]) : null;
		if (count < MIN_ROWS && (known === null || known < MIN_ROWS)) {
			continue;
		}
		const missing = own.filter((s) => s.idx !== null).length < indexes.length;
		const drifted = known === null || count >= known * DRIFT || count * DRIFT <= known;
		if (missing || drifted) {
			stale.push(...indexes);
		}
	}
	return stale;
}

async function allIndexes(db: Db): Promise<string[]> {
	return [...(await indexesByTable(db)).values()].flat();
}

/** Full statistics for each index in turn, the event loop served between two. */
async function analyseOneByOne(db: Db, indexes: string[]): Promise<void> {
	await sql`pragma analysis_limit = 0`.execute(db);
	for (const index of indexes) {
		await nextTurn();
		await sql`analyze ${sql.table(index)}`.execute(db);
	}
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

/** One pass over the indexes `choose` names, after any pass in progress; true if it analysed. */
function runPass(db: Db, choose: (db: Db) => Promise<string[]>): Promise<boolean> {
	const watch = watchOf(db);
	const previous = watch.running;
	const pass: Promise<boolean> = (async () => {
		await previous?.catch(() => undefined);
		const indexes = await choose(db);
		await analyseOneByOne(db, indexes);
		const { rows } = await sql<{ n: number }>`select count(*) as n from reports`.execute(db);
		watch.reportsAtCheck = Number(rows[0]?.n ?? 0);
		watch.writtenSince = 0;
		return indexes.length > 0;
	})().finally(() => {
		if (watch.running === pass) {
			watch.running = null;
		}
	});
	watch.running = pass;
	return pass;
}

/** Analyses the tables whose statistics are missing or stale; true if it analysed any. A check
 * already under way answers for this one. */
export function refreshPlannerStatistics(db: Db): Promise<boolean> {
	if (!isSqlite(db)) {
		return Promise.resolve(false);
	}
	return watchOf(db).running ?? runPass(db, staleIndexes);
}

/** The daily pass: every index analysed again, since triage changes how rows are spread over
 * statuses and teams without changing how many there are. */
export async function analyzeEverything(db: Db): Promise<void> {
	if (isSqlite(db)) {
		await runPass(db, allIndexes);
	}
}

const logFailure = (err: unknown) =>
	console.error('planner statistics:', err instanceof Error ? err.message : 'unknown');

/**
 * What the server runs when it opens its database, after the migrations. The first check runs
 * in the background: a restored database of a million reports is served while it is analysed.
 */
export function startPlannerStatistics(db: Db): void {
	if (!isSqlite(db)) {
		return;
	}
	void refreshPlannerStatistics(db).catch(logFailure);
	const every = (ms: number, pass: (db: Db) => Promise<unknown>) => {
		// A failed pass is logged and the next one tried: the upkeep never stops by itself.
		const timer = setInterval(() => void pass(db).catch(logFailure), ms);
		timer.unref();
	};
	every(HOUR_MS, refreshPlannerStatistics);
	every(DAY_MS, analyzeEverything);
}

/** Counts reports written; once they have doubled the table since the last check, checks again. */
export function noteReportsWritten(db: Db, count = 1): void {
	if (!isSqlite(db)) {
		return;
	}
	const watch = watchOf(db);
	watch.writtenSince += count;
	if (!watch.running && watch.writtenSince >= Math.max(MIN_ROWS, watch.reportsAtCheck)) {
		void refreshPlannerStatistics(db).catch(logFailure);
	}
}

/** Resolves once a check in progress is over (tests and scripts that must see its result). */
export async function plannerStatisticsSettled(db: Db): Promise<void> {
	await watches.get(db)?.running?.catch(() => undefined);
}
