import { describe, expect, it } from 'vitest';
import { getSodium } from '../../src/lib/crypto/sodium';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import { openDatabase } from '../../src/lib/server/db/connect';
import { insertReport } from '../../src/lib/server/reports/store';
import { sealSyntheticReport } from '../../src/lib/server/synthetic/seal';
import { freshDb, onPostgres } from './support/db';
import { addUnitKey } from './support/reporter';

/**
 * SQLite has one writer, so the audit chain and the report numbers (both read the last value and
 * add one) cannot race there. PostgreSQL runs transactions side by side: two instances, each with
 * a pool of connections, write at once. Every write must still land, in one unbroken chain.
 */
describe('writes at the same moment from two instances', () => {
	it('all land, with one unbroken audit chain and report numbers 1…n with no gap or repeat', async () => {
		const { db, path } = await freshDb();
		// On SQLite one process holds the database (its single writer); on PostgreSQL a second
		// instance is a second pool on the same database.
		const other = onPostgres ? openDatabase(path) : db;
		try {
			const sodium = await getSodium();
			const unit = await addUnitKey(db);
			const count = 24;
			const results = await Promise.allSettled(
				Array.from({ length: count }, (_, i) =>
					insertReport(
						i % 2 ? other : db,
						sealSyntheticReport(sodium, unit, i + 1).payload,
						[],
						'browser'
					)
				)
			);
			expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
			const seqs = (await db.selectFrom('reports').select('seq').orderBy('seq').execute()).map(
				(r) => r.seq
			);
			expect(seqs).toEqual(Array.from({ length: count }, (_, i) => i + 1));
			expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
			const audited = await db
				.selectFrom('audit_events')
				.select('seq')
				.where('action', '=', 'report.received')
				.execute();
			expect(audited).toHaveLength(count);
		} finally {
			if (other !== db) {
				await other.destroy();
			}
		}
	});
});
