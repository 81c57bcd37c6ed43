import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getSodium } from '../../src/lib/crypto/sodium';
import type { ReportPayload } from '../../src/lib/report/api';
import { sealReportPayload } from '../../src/lib/report/payload';
import type { Db } from '../../src/lib/server/db';
import {
	plannerStatisticsSettled,
	refreshPlannerStatistics
} from '../../src/lib/server/db/planner-stats';
import { insertReport } from '../../src/lib/server/reports/store';
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
});
