import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getSodium } from '../../src/lib/crypto/sodium';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import { populateDemo } from '../../src/lib/server/demo/portal';
import { lockDemoMember, unlockDemoMember } from '../../src/lib/server/demo/unlock';
import { verifyAllDeviations } from '../../src/lib/server/deviations/list';
import { openCaseFile } from '../../src/lib/server/triage/case-file';
import {
	openCaseMessages,
	openCaseNotes,
	openCaseReport
} from '../../src/lib/staff/report/open-case';
import { freshDb } from './support/db';

/** `npm run demo` shows worked cases, made through the app's own code paths and readable with the
 * demo's keyring as a reviewer's browser would read them. */
describe('the demo portal', () => {
	it('holds triaged cases with notes, messages both ways, a linked pair and a signed deviation', async () => {
		const { db } = await freshDb();
		const sodium = await getSodium();
		const demo = await populateDemo(db, 3, new Uint8Array(randomBytes(32)));
		const reviewer = await unlockDemoMember(db, demo.reviewer);
		try {
			const reports = await db.selectFrom('reports').selectAll().execute();
			expect(reports).toHaveLength(3 + demo.cases.length);
			const worked = reports.filter((r) => demo.cases.some((c) => c.ref === r.ref));
			expect(worked).toHaveLength(4);
			// Triaged: a status past "new", an assignee, a grade with its THRIVE assessment.
			expect(worked.filter((r) => r.status !== 'new' && r.assignee_id).length).toBe(4);
			expect(worked.filter((r) => r.grade !== null && r.thrive_json).length).toBe(3);
			expect(worked.filter((r) => r.status === 'closed' && r.outcome).length).toBe(1);
			expect(worked.filter((r) => r.safeguarding === 1 && r.team === 'CSE').length).toBe(1);

			const notes: string[] = [];
			const directions = new Set<string>();
			const linkedRefs: string[][] = [];
			for (const { ref } of demo.cases) {
				const file = await openCaseFile(db, reviewer.staff, ref, 'read');
				expect(openCaseReport(sodium, reviewer.keyring, file).state, ref).toBe('verified');
				const opened = [
					...openCaseNotes(sodium, reviewer.keyring, file),
					...openCaseMessages(sodium, reviewer.keyring, file)
				];
				// Every note and message opens with the demo keyring.
				expect(opened.every((o) => o.text !== null)).toBe(true);
				notes.push(...openCaseNotes(sodium, reviewer.keyring, file).map((n) => n.text!));
				file.messages.forEach((m) => directions.add(m.direction));
				expect(file.links_indexed_at, ref).not.toBeNull();
				linkedRefs.push(file.linked.map((l) => l.ref));
			}
			expect(notes).toContain('Called the outreach project: they know of this client.');
			expect(notes.length).toBeGreaterThanOrEqual(4);
			expect([...directions].sort()).toEqual(['from_reporter', 'to_reporter']);
			// The first two share a phone number written two ways: each links to the other.
			const [talked, twin] = demo.cases;
			expect(linkedRefs[0]).toEqual([twin.ref]);
			expect(linkedRefs[1]).toEqual([talked.ref]);
			expect(linkedRefs.slice(2).flat()).toEqual([]);

			const deviations = await verifyAllDeviations(db);
			expect(deviations).toMatchObject({ count: 1, verified: 1, failed: [] });
			expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
			const actions = (await db.selectFrom('audit_events').select('action').execute()).map(
				(a) => a.action
			);
			for (const action of [
				'report.triaged',
				'report.note_added',
				'report.message_sent',
				'report.reporter_message',
				'report.links_indexed',
				'deviation.recorded'
			]) {
				expect(actions, action).toContain(action);
			}
		} finally {
			lockDemoMember(reviewer);
		}
	}, 120_000);
});
