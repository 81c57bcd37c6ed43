import { randomBytes, randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import type { Db } from '../../src/lib/server/db';
import { openCaseFile } from '../../src/lib/server/triage/case-file';
import { decodeCursor, encodeCursor, parseQueueQuery } from '../../src/lib/server/triage/filters';
import { linkedReports, storeLinks, unindexedRefs } from '../../src/lib/server/triage/links';
import { LinksSchema, TriageSchema } from '../../src/lib/server/triage/schemas';
import { applyTriage } from '../../src/lib/server/triage/triage';
import { freshDb } from './support/db';
import { insertQueueReport } from './support/reports';
import { insertStaff } from './support/staff';
import { DomainError } from '../../src/lib/server/errors';

const b64 = (n: number) => toBase64url(new Uint8Array(randomBytes(n)));
/** A well-formed sealed note: the server checks shape only, it cannot read it. */
const note = () => ({ nonce: b64(24), ciphertext: b64(256 + 16), key_for_unit: b64(80) });
const THRIVE = {
	threat: 'high',
	harm: 'high',
	risk: 'medium',
	investigation: 'low',
	vulnerability: 'high',
	engagement: 'low'
} as const;
const triage = (over: Record<string, unknown> = {}) => ({
	team: 'RASSO',
	status: 'new',
	outcome: null,
	assignee_id: null,
	grade: null,
	thrive: null,
	rationale: null,
	reporter_message: null,
	...over
});

const audits = (db: Db) =>
	db.selectFrom('audit_events').select(['action', 'detail_json']).orderBy('seq').execute();

async function setup() {
	const { db } = await freshDb();
	const staff = await insertStaff(db);
	await insertQueueReport(db, {
		ref: 'SR-AAAA-AAAA',
		createdAt: '2026-11-01T10:00:00.000Z',
		team: 'RASSO'
	});
	return { db, staff };
}

describe('triage validation', () => {
	it('asks for an outcome when closing, and only then', () => {
		const closing = v.safeParse(TriageSchema, triage({ status: 'closed' }));
		expect(closing.success).toBe(false);
		expect(closing.issues?.[0].message).toBe('Choose an outcome before closing the report.');
		expect(v.safeParse(TriageSchema, triage({ status: 'closed', outcome: 'nfa' })).success).toBe(
			true
		);
		expect(v.safeParse(TriageSchema, triage({ outcome: 'charged' })).success).toBe(false);
	});

	it('refuses unknown values, half a THRIVE assessment, grades outside 1–4 and extra keys', () => {
		for (const bad of [
			triage({ status: 'done' }),
			triage({ team: 'Traffic' }),
			triage({ grade: 5 }),
			triage({ grade: '1' }),
			triage({ thrive: { threat: 'high' } }),
			triage({ thrive: { ...THRIVE, harm: 'extreme' } }),
			triage({ rationale: { nonce: 'x', ciphertext: 'y', key_for_unit: 'z' } }),
			{ ...triage(), note_text: 'plain text smuggled in' }
		]) {
			expect(v.safeParse(TriageSchema, bad).success, JSON.stringify(bad)).toBe(false);
		}
		expect(v.safeParse(TriageSchema, triage({ thrive: THRIVE, grade: 2 })).success).toBe(true);
	});

	it('accepts only 16-byte blind indexes, each once', () => {
		const i = b64(16);
		expect(v.safeParse(LinksSchema, { indexes: [i, b64(16)] }).success).toBe(true);
		expect(v.safeParse(LinksSchema, { indexes: [i, i] }).success).toBe(false);
		expect(v.safeParse(LinksSchema, { indexes: ['+447700900123'] }).success).toBe(false);
		expect(v.safeParse(LinksSchema, { indexes: [b64(32)] }).success).toBe(false);
	});
});

describe('applying triage', () => {
	it('stores the changes, re-ranks the queue and audits which fields changed, never note text', async () => {
		const { db, staff } = await setup();
		const result = await applyTriage(
			db,
			staff,
			'SR-AAAA-AAAA',
			v.parse(
				TriageSchema,
				triage({
					team: 'Exploitation',
					status: 'in_review',
					grade: 1,
					thrive: THRIVE,
					assignee_id: staff.id,
					rationale: note()
				})
			)
		);
		expect(result.changed.sort()).toEqual(['assignee_id', 'grade', 'status', 'team', 'thrive']);
		const row = await db
			.selectFrom('reports')
			.selectAll()
			.where('ref', '=', 'SR-AAAA-AAAA')
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			team: 'Exploitation',
			status: 'in_review',
			grade: 1,
			queue_rank: 11,
			assignee_id: staff.id
		});
		expect(JSON.parse(row.thrive_json!)).toEqual(THRIVE);
		const events = await audits(db);
		expect(events.map((e) => e.action)).toEqual([
			'report.triaged',
			'report.rerouted',
			'report.note_added'
		]);
		expect(JSON.parse(events[0].detail_json)).toEqual({
			ref: 'SR-AAAA-AAAA',
			changed: {
				team: 'Exploitation',
				status: 'in_review',
				grade: 1,
				thrive: THRIVE,
				assignee_id: staff.id
			},
			rationale: true
		});
		expect(JSON.parse(events[1].detail_json)).toEqual({
			ref: 'SR-AAAA-AAAA',
			from: 'RASSO',
			to: 'Exploitation'
		});
		expect(await db.selectFrom('notes').select('kind').execute()).toEqual([{ kind: 'thrive' }]);

		// Closing sets closed_at; reopening clears it.
		await applyTriage(
			db,
			staff,
			'SR-AAAA-AAAA',
			v.parse(
				TriageSchema,
				triage({
					team: 'Exploitation',
					status: 'closed',
					outcome: 'nfa',
					grade: 1,
					thrive: THRIVE,
					assignee_id: staff.id
				})
			)
		);
		const closed = await db
			.selectFrom('reports')
			.select(['closed_at', 'outcome'])
			.executeTakeFirstOrThrow();
		expect(closed.outcome).toBe('nfa');
		expect(closed.closed_at).not.toBeNull();
	});

	it('refuses, changing nothing: a new grade without a rationale, an analyst assignee, no change', async () => {
		const { db, staff } = await setup();
		const analyst = await insertStaff(db, { role: 'analyst' });
		const attempts: [Record<string, unknown>, string][] = [
			[triage({ grade: 2 }), 'rationale'],
			[triage({ thrive: THRIVE }), 'rationale'],
			[triage({ assignee_id: analyst.id }), 'assignee_id'],
			[triage({ assignee_id: randomUUID() }), 'assignee_id']
		];
		for (const [input, field] of attempts) {
			const err = await applyTriage(db, staff, 'SR-AAAA-AAAA', v.parse(TriageSchema, input)).catch(
				(e: unknown) => e
			);
			expect(err).toBeInstanceOf(DomainError);
			expect((err as DomainError).field).toBe(field);
		}
		const unchanged = await applyTriage(
			db,
			staff,
			'SR-AAAA-AAAA',
			v.parse(TriageSchema, triage())
		).catch((e: unknown) => e);
		expect((unchanged as DomainError).code).toBe('unchanged');
		const missing = await applyTriage(
			db,
			staff,
			'SR-ZZZZ-ZZZZ',
			v.parse(TriageSchema, triage())
		).catch((e: unknown) => e);
		expect((missing as DomainError).status).toBe(404);
		expect(await audits(db)).toEqual([]);
		const row = await db.selectFrom('reports').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'new', grade: null, assignee_id: null, thrive_json: null });
	});
});

describe('opening and linking', () => {
	it('serving a report is audited, marks the reporter’s messages read and the first opening', async () => {
		const { db, staff } = await setup();
		const report = await db.selectFrom('reports').select('id').executeTakeFirstOrThrow();
		await db
			.insertInto('messages')
			.values({
				id: randomUUID(),
				report_id: report.id,
				direction: 'from_reporter',
				author_id: null,
				created_at: '2026-11-02T10:00:00.000Z',
				nonce: randomBytes(24),
				ciphertext: randomBytes(272),
				key_for_unit: randomBytes(80),
				key_for_reporter: randomBytes(80),
				read_at: null
			})
			.execute();
		const indexing = await openCaseFile(db, staff, 'SR-AAAA-AAAA', 'index');
		expect(indexing.messages[0].read_at).toBeNull();
		expect(indexing.triage.first_opened_at).toBeNull();
		const file = await openCaseFile(db, staff, 'SR-AAAA-AAAA', 'read');
		expect(file.messages[0].read_at).toBeNull(); // shown as new this once
		const after = await db.selectFrom('messages').select('read_at').executeTakeFirstOrThrow();
		expect(after.read_at).not.toBeNull();
		expect(
			(await db.selectFrom('reports').select('first_opened_at').executeTakeFirstOrThrow())
				.first_opened_at
		).not.toBeNull();
		await openCaseFile(db, staff, 'SR-AAAA-AAAA', 'evidence');
		expect((await audits(db)).map((e) => [e.action, JSON.parse(e.detail_json).purpose])).toEqual([
			['report.opened', 'index'],
			['report.opened', 'read'],
			['report.opened', 'evidence'],
			['report.exported', 'evidence']
		]);
	});

	it('stores blind indexes idempotently and finds the reports sharing one', async () => {
		const { db, staff } = await setup();
		for (const ref of ['SR-BBBB-BBBB', 'SR-CCCC-CCCC']) {
			await insertQueueReport(db, { ref, createdAt: '2026-11-03T10:00:00.000Z' });
		}
		expect(await unindexedRefs(db)).toHaveLength(3);
		const phone = b64(16);
		const email = b64(16);
		await storeLinks(db, staff, 'SR-AAAA-AAAA', [phone]);
		await storeLinks(db, staff, 'SR-BBBB-BBBB', [phone, email]);
		const again = await storeLinks(db, staff, 'SR-BBBB-BBBB', [phone, email]);
		expect(again.added).toBe(0);
		const third = await storeLinks(db, staff, 'SR-CCCC-CCCC', [email, b64(16)]);
		expect(third.linked.map((l) => l.ref)).toEqual(['SR-BBBB-BBBB']);
		const b = await db
			.selectFrom('reports')
			.select('id')
			.where('ref', '=', 'SR-BBBB-BBBB')
			.executeTakeFirstOrThrow();
		expect((await linkedReports(db, b.id)).map((l) => l.ref).sort()).toEqual([
			'SR-AAAA-AAAA',
			'SR-CCCC-CCCC'
		]);
		expect(await db.selectFrom('report_links').select('report_id').execute()).toHaveLength(5);
		expect(await unindexedRefs(db)).toEqual([]);
	});
});

describe('queue query', () => {
	it('reads filters from the address and refuses unknown or repeated ones', () => {
		const ok = parseQueueQuery(new URLSearchParams('team=CSE&mine=1&warn=no&unread=1'), 'me');
		expect(ok.ok && ok.filters).toMatchObject({
			status: 'open',
			team: 'CSE',
			assigneeId: 'me',
			warn: false,
			unread: true
		});
		for (const bad of ['team=Traffic', 'colour=red', 'team=CSE&team=RASSO', 'after=garbage']) {
			expect(parseQueueQuery(new URLSearchParams(bad), 'me').ok, bad).toBe(false);
		}
	});

	it('round-trips a keyset cursor and refuses a damaged one', () => {
		const cursor = { rank: 12, createdAt: '2026-11-01T10:00:00.000Z', seq: 7, id: randomUUID() };
		expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
		expect(decodeCursor(encodeCursor(cursor).slice(0, -3))).toBeNull();
	});
});
