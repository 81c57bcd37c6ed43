import { describe, expect, it } from 'vitest';
import { getSodium } from '../../src/lib/crypto/sodium';
import { withAudit } from '../../src/lib/server/audit/chain';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import { openDatabase } from '../../src/lib/server/db/connect';
import { insertReport } from '../../src/lib/server/reports/store';
import { putSetting } from '../../src/lib/server/settings/store';
import { sealSyntheticReport } from '../../src/lib/server/synthetic/seal';
import { freshDb } from './support/db';
import { addUnitKey } from './support/reporter';

/**
 * Two connections write at once: on PostgreSQL two instances, each with a pool of connections; on
 * SQLite the server's own connection and its report writer's thread (reports/writer-thread.ts).
 * Both read the last value and add one (the audit chain, the report numbers). Every write must
 * still land, in one unbroken chain.
 */
describe('writes at the same moment from two connections', () => {
	it('all land, with one unbroken audit chain and report numbers 1…n with no gap or repeat', async () => {
		const { db, path } = await freshDb();
		// Here the two SQLite connections share one thread: each must wait for the write lock
		// without holding the thread, or the one holding it could never finish.
		const other = openDatabase(path);
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
			await other.destroy();
		}
	});

	it('a write waits for a transaction held open on another connection, and the thread runs on meanwhile', async () => {
		const { db, path } = await freshDb();
		const other = openDatabase(path);
		const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
		let ticks = 0;
		const ticker = setInterval(() => ticks++, 5);
		try {
			// A transaction that reads, waits on something else (as a staff action awaits a check),
			// and then writes, while the other connection writes in the middle of it.
			const held = withAudit(db, async (trx) => {
				await trx.selectFrom('settings').selectAll().execute();
				await pause(150);
				await putSetting(trx, 'held', 'yes');
				return { result: 'held', audit: { actorId: null, action: 'test.held' } };
			});
			await pause(20);
			const between = withAudit(other, async (trx) => {
				await putSetting(trx, 'between', 'yes');
				return { result: 'between', audit: { actorId: null, action: 'test.between' } };
			});
			expect(await Promise.all([held, between])).toEqual(['held', 'between']);
			// The timer kept firing while the second write waited for the lock.
			expect(ticks).toBeGreaterThan(10);
			const actions = await db.selectFrom('audit_events').select('action').orderBy('seq').execute();
			expect(actions.map((a) => a.action)).toEqual(['test.held', 'test.between']);
			expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
		} finally {
			clearInterval(ticker);
			await other.destroy();
		}
	});
});
