import { randomBytes, randomUUID } from 'node:crypto';
import { CompiledQuery, createQueryId, sql, type RootOperationNode } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getSodium } from '../../src/lib/crypto/sodium';
import type { ReportPayload } from '../../src/lib/report/api';
import { sealReportPayload } from '../../src/lib/report/payload';
import type { Db } from '../../src/lib/server/db';
import {
	plannerStatisticsSettled,
	refreshPlannerStatistics
} from '../../src/lib/server/db/planner-stats';
import { up as analyseInFull } from '../../migrations/0019_full_planner_statistics';
import { insertReport } from '../../src/lib/server/reports/store';
import { listQueue } from '../../src/lib/server/triage/queue';
import { sampleEnvelope } from '../support/api-client';
import { freshDb, onPostgres } from './support/db';
import { insertQueueReport } from './support/reports';
import { addStandInUnitKey } from '../../src/lib/server/synthetic/stand-in-key';

/** The planner's statistics are the server's own business (issue 14, item 7). */

const statTables = async (db: Db) =>
	new Set(
		(await sql<{ tbl: string }>`select distinct tbl from sqlite_stat1`.execute(db)).rows.map(
			(r) => r.tbl
		)
	);

async function sendReports(db: Db, count: number) {
	const sodium = await getSodium();
	const unit = await addStandInUnitKey(db, 'uk-stats-test-00000000');
	for (let i = 0; i < count; i++) {
		const { payload } = sealReportPayload(sodium, {
			body: { v: 1, narrative: `Report ${i}` },
			envelope: { ...sampleEnvelope(), types: i % 2 ? ['robbery'] : ['threats', 'robbery'] },
			unitKeyId: unit.id,
			unitPublicKey: unit.publicKey
		});
		await insertReport(db, payload as ReportPayload, [], 'browser');
	}
}

/** Statuses as triage spreads them (as the queue bench does): most still open, many closed. */
const STATUS_SPREAD = ['new', 'new', 'in_review', 'in_review', 'awaiting_reporter', 'referred'];
const STATUS_SPREAD_CLOSED = ['actioned', 'closed', 'closed', 'closed'];

/**
 * Reports written straight into the table, many per statement: only the queue's columns matter.
 * With this many per status, the first thousand entries of any index led by status all hold
 * one status, as they do at 100,000 reports.
 */
async function fillQueue(db: Db, count: number) {
	await addStandInUnitKey(db, 'uk-test', '2026-01-01T00:00:00.000Z');
	const spread = [...STATUS_SPREAD, ...STATUS_SPREAD_CLOSED];
	for (let start = 0; start < count; start += 500) {
		const rows = Array.from({ length: Math.min(500, count - start) }, (_, k) => {
			const i = start + k;
			const grade = i % 5 === 0 ? null : 1 + (i % 4);
			const createdAt = new Date(Date.UTC(2026, 0, 1, i % 8760)).toISOString();
			return {
				id: randomUUID(),
				ref: 'SR-' + randomBytes(5).toString('hex').toUpperCase(),
				created_at: createdAt,
				unit_key_id: 'uk-test',
				envelope_json: '{}',
				nonce: randomBytes(24),
				ciphertext: randomBytes(16),
				key_for_unit: randomBytes(16),
				key_for_reporter: randomBytes(16),
				reporter_pk: randomBytes(32),
				lookup_hash: randomBytes(32),
				sealed_by: 'browser' as const,
				team: 'Liaison' as const,
				status: spread[i % spread.length],
				safeguarding: 0,
				priority: 0,
				grade,
				area: 'gloucester',
				police: i % 3 ? 'contact' : 'none',
				warn: i % 2,
				queue_rank: 10 + (grade ?? 5),
				seq: i + 1,
				updated_at: createdAt
			};
		});
		await db.insertInto('reports').values(rows).execute();
	}
}

/** The plan SQLite makes, on this connection, for the queue's first page as listQueue asks it. */
async function openQueuePlan(db: Db): Promise<string[]> {
	let page: RootOperationNode | undefined;
	const capturing = db.withPlugin({
		transformQuery: ({ node }) => (page ??= node),
		transformResult: ({ result }) => Promise.resolve(result)
	});
	await listQueue(capturing, {});
	if (!page) {
		throw new Error('listQueue ran no query');
	}
	const compiled = db.getExecutor().compileQuery(page, createQueryId());
	const { rows } = await db.executeQuery<{ detail: string }>(
		CompiledQuery.raw('explain query plan ' + compiled.sql, [...compiled.parameters])
	);
	return rows.map((r) => r.detail);
}

const statusFigures = async (db: Db) =>
	(
		await sql<{ stat: string }>`select stat from sqlite_stat1 where idx = 'reports_status'`.execute(
			db
		)
	).rows[0].stat
		.split(' ')
		.slice(0, 2)
		.map(Number);

const reportStatRows = async (db: Db) =>
	Number(
		(
			await sql<{
				n: number;
			}>`select count(*) as n from sqlite_stat1 where tbl = 'reports'`.execute(db)
		).rows[0].n
	);

// SQLite's planner statistics (sqlite_stat1): PostgreSQL's autovacuum keeps its own.
describe.skipIf(onPostgres)('planner statistics', () => {
	it('are gathered once reports arrive in a fresh database, through the normal path', async () => {
		const { db } = await freshDb();
		expect(await statTables(db)).not.toContain('reports');
		await sendReports(db, 150);
		await plannerStatisticsSettled(db);
		const tables = await statTables(db);
		for (const table of ['reports', 'report_types', 'audit_events']) {
			expect(tables, table).toContain(table);
		}
		const { rows } = await sql<{ stat: string }>`
			select stat from sqlite_stat1 where tbl = 'reports' limit 1`.execute(db);
		expect(Number(rows[0].stat.split(' ')[0])).toBeGreaterThanOrEqual(100);
	});

	it('are gathered at start for a database filled without them (a restore, an import)', async () => {
		const { db } = await freshDb();
		for (let i = 0; i < 150; i++) {
			await insertQueueReport(db, {
				createdAt: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`
			});
		}
		// As a database arrives from elsewhere: rows, and no statistics for them.
		await sql`delete from sqlite_stat1`.execute(db);

		expect(await refreshPlannerStatistics(db)).toBe(true);
		expect(await statTables(db)).toContain('reports');
		// Nothing moved: no second analysis.
		expect(await refreshPlannerStatistics(db)).toBe(false);
		// Twice as many reports: analysed again.
		for (let i = 0; i < 150; i++) {
			await insertQueueReport(db, { createdAt: '2026-11-01' });
		}
		expect(await refreshPlannerStatistics(db)).toBe(true);
	});
	it('are true figures, so the open queue walks its index in queue order and sorts nothing', async () => {
		const { db } = await freshDb();
		await fillQueue(db, 12_000);
		await sql`delete from sqlite_stat1`.execute(db);

		expect(await refreshPlannerStatistics(db)).toBe(true);
		// Every entry read: six statuses over 12,000 reports, 2,000 each on average (a sample of
		// the first thousand entries would say 1,001).
		expect(await statusFigures(db)).toEqual([12_000, 2_000]);
		const plan = await openQueuePlan(db);
		expect(plan.join(' | ')).toMatch(/^SCAN reports USING INDEX reports_queue_rank\b/);
		expect(plan.join(' | ')).not.toContain('TEMP B-TREE');
	});

	it('are gathered one index at a time, serving what arrives in between', async () => {
		const { db } = await freshDb();
		await fillQueue(db, 400);
		await sql`delete from sqlite_stat1`.execute(db);
		const indexes = Number(
			(
				await sql<{ n: number }>`
					select count(*) as n from sqlite_master where type = 'index' and tbl_name = 'reports'`.execute(db)
			).rows[0].n
		);

		let done = false;
		const pass = refreshPlannerStatistics(db).then(() => (done = true));
		// A request on each turn of the event loop, as staff pages and reports would arrive.
		const seen: number[] = [];
		while (!done && seen.length < 10_000) {
			await new Promise((resolve) => setImmediate(resolve));
			seen.push(await reportStatRows(db));
		}
		await pass;
		expect(await reportStatRows(db)).toBe(indexes);
		// Served while the analysis was under way, and never kept waiting for more than one index.
		expect(seen.filter((n) => n > 0 && n < indexes).length).toBeGreaterThan(0);
		const steps = seen.slice(1).map((n, i) => n - seen[i]);
		expect(Math.max(...steps)).toBeLessThanOrEqual(1);
	});

	it('gathered by sampling before are replaced by true ones when the server is upgraded', async () => {
		const { db } = await freshDb();
		await fillQueue(db, 12_000);
		// What the server of before gathered, and left in the database.
		await sql`pragma analysis_limit = 1000`.execute(db);
		await sql`analyze`.execute(db);
		expect(await statusFigures(db)).toEqual([12_000, 1_001]);

		await analyseInFull(db);
		expect(await statusFigures(db)).toEqual([12_000, 2_000]);
		// Nothing drifted since: the server's own check has nothing left to do.
		expect(await refreshPlannerStatistics(db)).toBe(false);
	});
});
