import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../src/lib/crypto/sodium';
import { monthsBefore } from '../../src/lib/report/retention';
import { verifyDeviationSignatures } from '../../src/lib/server/audit/signatures';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import type { Report } from '../../src/lib/server/db/schema';
import { purgeDue } from '../../src/lib/server/retention/purge';
import { sealOnServer } from '../../src/lib/server/reports/server-seal';
import { lookupByCode } from '../../src/lib/server/reports/server-status';
import { onPostgres } from './support/db';
import { minimalDraft, reporterPortal } from './support/reporter';
import {
	checkpointPassive,
	closeReport,
	reportReferences,
	rowsReferring,
	scanFiles,
	storedRuns,
	workOnReport
} from './support/retention';
import { insertStaff } from './support/staff';

/** Issue 12 item 5: a purged report is gone from the database file and its WAL, byte for byte. */

let portal: Awaited<ReturnType<typeof reporterPortal>>;
let statusActions: typeof import('../../src/routes/(public)/status/+page.server').actions;

beforeAll(async () => {
	portal = await reporterPortal();
	statusActions = (await import('../../src/routes/(public)/status/+page.server')).actions;
});
afterAll(() => portal.close());

/** Months after `date`, the inverse of monthsBefore for the test's clock. */
const monthsAfter = (date: Date, months: number) => monthsBefore(date, -months);

/** A file of random bytes, so its ciphertext is distinctive too. */
const randomFile = (name: string) => new File([new Uint8Array(randomBytes(4000))], name);

/** A report sent without JavaScript, with one file: the server seals it as a browser would. */
async function sendReport(): Promise<{ code: string; report: Report }> {
	const sent = await sealOnServer(portal.db, minimalDraft(), [randomFile('statement.txt')]);
	if (!sent.ok) {
		throw new Error('report refused');
	}
	const found = await lookupByCode(portal.db, sent.code);
	if (!found.ok) {
		throw new Error('report not found');
	}
	return { code: sent.code, report: found.report };
}

/** The status page's form actions without JavaScript, as the reporter's browser posts them. */
async function statusAction(name: 'reply' | 'withdraw', fields: Record<string, string | File>) {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) {
		form.append(key, value);
	}
	const result = (await statusActions[name]({
		request: new Request(`http://127.0.0.1/status?/${name}`, { method: 'POST', body: form })
	} as never)) as { notice?: string };
	expect(result.notice).toBeTruthy();
}

describe('the retention purge', () => {
	// Scans SQLite's own files; on PostgreSQL deleted rows wait for VACUUM (README "PostgreSQL").
	it.skipIf(onPostgres)(
		'removes a due report and all it holds from the database file and the WAL; the rest stays, the audit line remains and the chain verifies',
		async () => {
			const sodium = await getSodium();
			const { db, path } = portal;
			const signing = sodium.crypto_sign_keypair();
			const staff = await insertStaff(db, { role: 'admin', sign_pk: signing.publicKey });
			const work = (report: Report) =>
				workOnReport(db, staff, signing.privateKey, portal.unit.publicKey, report);

			// A: closed, with files, a reply with a file, a note, a message, a link, a warning draft
			// and a signed deviation record. Checkpointed, so its bytes are in the database file.
			const a = await sendReport();
			await statusAction('reply', {
				code: a.code,
				kind: 'more_info',
				text: 'I remembered the car.',
				files: randomFile('car.txt')
			});
			await work(a.report);
			await closeReport(db, staff, a.report.ref, a.report.team);
			const runsA = await storedRuns(db, a.report.id, 'A');
			await checkpointPassive(db);

			// B: withdrawn by the reporter after the checkpoint, so its bytes are in the WAL only.
			const b = await sendReport();
			await statusAction('withdraw', { code: b.code, confirm: 'yes' });
			const runsB = await storedRuns(db, b.report.id, 'B');

			// C: still open. It is never due, however long it waits.
			const c = await sendReport();
			await statusAction('reply', { code: c.code, kind: 'reply', text: 'Any news?' });
			const runsC = await storedRuns(db, c.report.id, 'C');

			const before = scanFiles(path, { ...runsA, ...runsB });
			expect(before.db).toEqual(Object.keys(runsA).sort());
			expect(before.wal).toEqual(expect.arrayContaining(Object.keys(runsB)));
			expect(Object.keys(runsA).length).toBeGreaterThanOrEqual(9);

			const result = await purgeDue(db, { now: monthsAfter(new Date(), 25) });
			expect(result.counts).toMatchObject({
				reports: 2,
				// A: its file and the reply's; B: its file.
				files: 3,
				// A: the reply and the unit's message.
				messages: 2,
				notes: 1,
				links: 1,
				warningDrafts: 1
			});
			expect(result.walTruncated).toBe(true);

			const after = scanFiles(path, { ...runsA, ...runsB });
			expect(after).toEqual({ db: [], wal: [], walBytes: 0 });
			// C is untouched, every byte of it.
			expect(scanFiles(path, runsC).db).toEqual(Object.keys(runsC).sort());
			const left = await db.selectFrom('reports').select('ref').execute();
			expect(left.map((r) => r.ref)).toEqual([c.report.ref]);
			expect(await lookupByCode(db, a.code)).toEqual({ ok: false, reason: 'not_found' });

			// No row anywhere still points at A or B. The walk reads the schema's foreign keys, and
			// must have found the tables known today (so it cannot pass by finding none).
			const references = (await reportReferences(db)).map((r) => `${r.table}.${r.column}`);
			expect(references).toEqual(
				expect.arrayContaining([
					'messages.report_id',
					'attachments.report_id',
					'notes.report_id',
					'report_links.report_id',
					'report_types.report_id',
					'warnings.report_id',
					'deviations.report_id'
				])
			);
			const referring = await rowsReferring(db, [a.report.id, b.report.id]);
			expect(Object.values(referring).every((n) => n === 0)).toBe(true);
			// The signed deviation record stays, cut loose from the report, and still verifies.
			const deviations = await db.selectFrom('deviations').select('report_id').execute();
			expect(deviations).toEqual([{ report_id: null }]);
			expect(await verifyDeviationSignatures(db)).toEqual({ ok: true, count: 1 });
			expect(await db.selectFrom('warnings').select('id').execute()).toEqual([]);

			// One audit line per report: a keyed hash of its reference and counts, no content.
			const purges = await db
				.selectFrom('audit_events')
				.select(['subject', 'detail_json', 'actor_id'])
				.where('action', '=', 'report.purge')
				.execute();
			expect(purges).toHaveLength(2);
			for (const line of purges) {
				expect(line.subject).toBeNull();
				expect(line.actor_id).toBeNull();
				const detail = JSON.parse(line.detail_json);
				expect(detail.ref_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
				expect(line.detail_json).not.toContain(a.report.ref);
				expect(line.detail_json).not.toContain(b.report.ref);
			}
			expect(purges.map((p) => JSON.parse(p.detail_json).rule).sort()).toEqual([
				'closed',
				'withdrawn'
			]);
			const chain = await verifyAuditChain(db);
			expect(chain.ok).toBe(true);

			// A second pass finds nothing more to do and writes nothing.
			const events = chain.count;
			const again = await purgeDue(db, { now: monthsAfter(new Date(), 25) });
			expect(again.counts.reports).toBe(0);
			expect((await verifyAuditChain(db)).count).toBe(events);
		}
	);
});
