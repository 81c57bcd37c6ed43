// The queue's server time on 100,000 synthetic reports: the first page (listQueue + queueCounts, as
// the queue page loads them) with no filter and with each filter. Prints median and p95.
import { join } from 'node:path';
import { listQueue, queueCounts, type QueueFilters } from '../../../src/lib/server/triage/queue';
import { BENCH_STAFF, openQueueBenchDb } from './queue-db';
import { fmt, summarize } from './timing';

const N = Number(process.env.BENCH_REPORTS ?? 100_000);
const RUNS = 40;
const WARMUP = 3;
const TARGET_P95_MS = 50;
const PATH = join('data', 'bench', `queue-${N}.sqlite`);

const CASES: [string, QueueFilters][] = [
	['first page (open)', {}],
	['status=in_review', { status: 'in_review' }],
	['status=all', { status: 'all' }],
	['team=CSE', { team: 'CSE' }],
	['team=RASSO', { team: 'RASSO' }],
	['area=gloucester', { area: 'gloucester' }],
	['type=robbery', { type: 'robbery' }],
	['assignee=mine', { assigneeId: BENCH_STAFF[0] }],
	['police=contact', { police: 'contact' }],
	['warn=yes', { warn: true }],
	['unread', { unread: true }]
];

const started = performance.now();
const db = await openQueueBenchDb(PATH, N, (line) => console.log(line));
const total = await db
	.selectFrom('reports')
	.select((eb) => eb.fn.countAll<number>().as('n'))
	.executeTakeFirstOrThrow();
console.log(
	`Database: ${PATH}, ${total.n} reports (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`
);
console.log(`${RUNS} runs each after ${WARMUP} warm-up runs; target p95 ≤ ${TARGET_P95_MS} ms\n`);
console.log('case                   rows     median       p95   target');

let ok = true;
for (const [label, filters] of CASES) {
	const times: number[] = [];
	let rows = 0;
	for (let i = 0; i < WARMUP + RUNS; i++) {
		const t = performance.now();
		const [page] = await Promise.all([listQueue(db, filters), queueCounts(db)]);
		const elapsed = performance.now() - t;
		rows = page.rows.length;
		if (i >= WARMUP) {
			times.push(elapsed);
		}
	}
	const { median, p95 } = summarize(times);
	const within = p95 <= TARGET_P95_MS;
	ok &&= within;
	console.log(
		`${label.padEnd(20)} ${String(rows).padStart(6)} ${fmt(median)} ${fmt(p95)}   ≤ ${TARGET_P95_MS} ms ${within ? 'ok' : 'OVER'}`
	);
}
await db.destroy();
process.exitCode = ok ? 0 : 1;
