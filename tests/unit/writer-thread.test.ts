import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSodium } from '../../src/lib/crypto/sodium';
import type { ReportPayload } from '../../src/lib/report/api';
import { sealReportPayload } from '../../src/lib/report/payload';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import { DomainError } from '../../src/lib/server/errors';
import {
	startReportWriter,
	stopReportWriter,
	storeReport,
	type WriterData
} from '../../src/lib/server/reports/writer-thread';
import { sampleEnvelope } from '../support/api-client';
import { freshDb, onPostgres } from './support/db';
import { addUnitKey } from './support/reporter';

/**
 * The report writer's thread, run from source: the thread registers the TypeScript loader, then
 * loads writer-thread.ts as the built server's thread loads its build of it.
 */
const WRITER_SOURCE = new URL('../../src/lib/server/reports/writer-thread.ts', import.meta.url);
let threads = 0;
const fromSource = (data: WriterData) => {
	threads++;
	return new Worker(
		`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WRITER_SOURCE.href)}); })`,
		{ eval: true, workerData: data }
	);
};

afterEach(() => stopReportWriter());

describe.skipIf(onPostgres)('the report writer’s thread (SQLite)', () => {
	it('stores reports sent together, refuses a duplicate alone, and the chain stays whole', async () => {
		const { db, path } = await freshDb();
		const unit = await addUnitKey(db);
		// Had the thread failed, storeReport would have stored on this thread and said so here.
		const said = vi.spyOn(console, 'error');
		startReportWriter(path, fromSource);
		expect(threads).toBe(1);
		const sodium = await getSodium();
		const seal = (under18: string) =>
			sealReportPayload(sodium, {
				body: { v: 1, narrative: 'He took my phone.' },
				envelope: { ...sampleEnvelope(), under18 },
				unitKeyId: unit.id,
				unitPublicKey: unit.publicKey
			}).payload as ReportPayload;
		const payloads = Array.from({ length: 30 }, (_, i) => seal(i === 7 ? 'yes' : 'no'));
		payloads[20] = { ...payloads[20], lookup_hash: payloads[3].lookup_hash };
		const file = new Uint8Array(2048).fill(7);
		const results = await Promise.allSettled(
			payloads.map((p, i) => storeReport(db, p, i === 0 ? [file] : [], 'browser'))
		);
		const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [[i, r.reason]] : []));
		expect(refused).toHaveLength(1);
		const [index, reason] = refused[0] as [number, DomainError];
		// The refusal crosses the thread as the same DomainError the route answers with.
		expect(index).toBe(20);
		expect(reason).toBeInstanceOf(DomainError);
		expect([reason.status, reason.code]).toEqual([409, 'duplicate']);
		// What the thread wrote, the main connection reads.
		const rows = await db
			.selectFrom('reports')
			.select(['ref', 'seq', 'team'])
			.orderBy('seq')
			.execute();
		expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
		const refs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.ref] : []));
		expect(new Set(rows.map((r) => r.ref))).toEqual(new Set(refs));
		expect(rows.filter((r) => r.team === 'CSE')).toHaveLength(1);
		const stored = await db.selectFrom('attachments').select('size').execute();
		expect(stored).toEqual([{ size: 2048 }]);
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
		expect(said).not.toHaveBeenCalled();
		said.mockRestore();
	});

	it('stores on the calling thread when no writer runs', async () => {
		const { db } = await freshDb();
		const unit = await addUnitKey(db);
		const sodium = await getSodium();
		const before = threads;
		const { ref } = await storeReport(
			db,
			sealReportPayload(sodium, {
				body: { v: 1, narrative: 'x' },
				envelope: sampleEnvelope(),
				unitKeyId: unit.id,
				unitPublicKey: unit.publicKey
			}).payload as ReportPayload,
			[],
			'browser'
		);
		expect(threads).toBe(before);
		expect(await db.selectFrom('reports').select('ref').execute()).toEqual([{ ref }]);
	});
});
