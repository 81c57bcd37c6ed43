import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../src/lib/crypto/sodium';
import type { ReportPayload } from '../../src/lib/report/api';
import { sealReportPayload } from '../../src/lib/report/payload';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import type { Database } from '../../src/lib/server/db/schema';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { DomainError } from '../../src/lib/server/errors';
import { insertReport } from '../../src/lib/server/reports/store';
import { sampleEnvelope } from '../support/api-client';
import { addStandInUnitKey } from '../../src/lib/server/synthetic/stand-in-key';

/** Reports that arrive together share a commit, and each is still stored whole or refused alone. */

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A migrated database whose transactions are counted as they begin. */
async function countingDb() {
	const dir = mkdtempSync(join(tmpdir(), 'safereport-group-'));
	dirs.push(dir);
	const sqlite = new SQLite(join(dir, 'portal.sqlite'));
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	let begins = 0;
	const prepare = sqlite.prepare.bind(sqlite);
	sqlite.prepare = ((source: string) => {
		if (/^\s*begin/i.test(source)) {
			begins++;
		}
		return prepare(source);
	}) as typeof sqlite.prepare;
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	await migrateToLatest(db);
	const unit = await addStandInUnitKey(db, 'uk-group');
	return { db, unit, begins: () => begins };
}

describe('reports sent at the same moment', () => {
	it('share commits, refuse a duplicate alone and keep the audit chain whole', async () => {
		const { db, unit, begins } = await countingDb();
		const sodium = await getSodium();
		const payloads = Array.from(
			{ length: 40 },
			(_, i) =>
				sealReportPayload(sodium, {
					body: { v: 1, narrative: `Report ${i}` },
					envelope: sampleEnvelope(),
					unitKeyId: unit.id,
					unitPublicKey: unit.publicKey
				}).payload
		);
		// The 21st is sent with the 6th one's code: it must be refused, and only it.
		payloads[20] = { ...payloads[20], lookup_hash: payloads[5].lookup_hash };
		const before = begins();

		const outcomes = await Promise.allSettled(
			payloads.map((payload) => insertReport(db, payload as ReportPayload, [], 'browser'))
		);

		const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [[i, o.reason]] : []));
		expect(refused).toHaveLength(1);
		expect(refused[0][0]).toBe(20);
		expect(refused[0][1]).toBeInstanceOf(DomainError);
		expect((refused[0][1] as DomainError).code).toBe('duplicate');

		const stored = await db.selectFrom('reports').select(['ref', 'seq']).orderBy('seq').execute();
		const acknowledged = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.ref] : []));
		expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
		expect(new Set(stored.map((r) => r.ref))).toEqual(new Set(acknowledged));
		const received = await db
			.selectFrom('audit_events')
			.select('subject')
			.where('action', '=', 'report.received')
			.execute();
		expect(new Set(received.map((r) => r.subject))).toEqual(new Set(acknowledged));
		expect(received).toHaveLength(39);
		expect((await verifyAuditChain(db)).ok).toBe(true);
		// 40 reports, far fewer commits (one per report before group commit).
		expect(begins() - before).toBeLessThanOrEqual(Math.ceil(40 / 32) + 1);
		await db.destroy();
	});
});
