// The statistics page's server time on 100,000 reports spread over two years: the period is read,
// every count made, suppression applied and the view audited, as the page's load does it.
import { join } from 'node:path';
import { parsePeriod } from '../../../src/lib/server/stats/period';
import { readStatistics } from '../../../src/lib/server/stats/statistics';
import { BENCH_STAFF, openQueueBenchDb } from './queue-db';
import { spreadForStatistics } from './stats-spread';
import { fmt, summarize } from './timing';

const N = Number(process.env.BENCH_REPORTS ?? 100_000);
const RUNS = 40;
const WARMUP = 3;
const TARGET_P95_MS = 200;
const PATH = join('data', 'bench', `queue-${N}.sqlite`);

const started = performance.now();
const db = await openQueueBenchDb(PATH, N, (line) => console.log(line));
await spreadForStatistics(db, (line) => console.log(line));
console.log(
	`Database: ${PATH}, ${N} reports over two years (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`
);
const staff = await db
	.selectFrom('staff')
	.selectAll()
	.where('id', '=', BENCH_STAFF[0])
	.executeTakeFirstOrThrow();
const now = new Date();
const year = now.getUTCFullYear();
const month = (back: number) => {
	const d = new Date(Date.UTC(year, now.getUTCMonth() - back, 1));
	return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const CASES: [string, Record<string, string>][] = [
	['this month', {}],
	['last month', { period: 'month', month: month(1) }],
	['last quarter', { period: 'quarter', year: String(year - 1), quarter: '4' }],
	['last year', { period: 'year', year: String(year - 1) }],
	// Every report: the 24 months the spread covers, each counted and suppressed on its own first.
	['all two years', { period: 'custom', from: month(23), to: month(0) }]
];
console.log(`${RUNS} runs each after ${WARMUP} warm-up runs; target p95 ≤ ${TARGET_P95_MS} ms\n`);
console.log('period              reports     median       p95   target');
let ok = true;
for (const [label, query] of CASES) {
	const parsed = parsePeriod(new URLSearchParams(query), now);
	if (!parsed.ok) {
		throw new Error(parsed.message);
	}
	const times: number[] = [];
	let reports = '';
	for (let i = 0; i < WARMUP + RUNS; i++) {
		const t = performance.now();
		const stats = await readStatistics(db, staff, parsed.period, 'stats.view');
		const elapsed = performance.now() - t;
		reports = stats.total.text;
		if (i >= WARMUP) {
			times.push(elapsed);
		}
	}
	const { median, p95 } = summarize(times);
	const within = p95 <= TARGET_P95_MS;
	ok &&= within;
	console.log(
		`${label.padEnd(16)} ${reports.padStart(9)} ${fmt(median)} ${fmt(p95)}   ≤ ${TARGET_P95_MS} ms ${within ? 'ok' : 'OVER'}`
	);
}
await db.destroy();
process.exitCode = ok ? 0 : 1;
