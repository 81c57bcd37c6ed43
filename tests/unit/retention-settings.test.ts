import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	daysBefore,
	deletionDue,
	monthsBefore,
	RETENTION_DEFAULTS,
	RetentionSchema,
	type RetentionPeriods
} from '../../src/lib/report/retention';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import type { Db } from '../../src/lib/server/db';
import { DomainError } from '../../src/lib/server/errors';
import { purgeDue } from '../../src/lib/server/retention/purge';
import { warningText } from '../../src/lib/server/warnings/feed';
import { toPublished } from '../../src/lib/server/warnings/store';
import { startRetention } from '../../src/lib/server/retention/schedule';
import { changeRetention, loadRetention } from '../../src/lib/server/retention/settings';
import { freshDb } from './support/db';
import { insertQueueReport } from './support/reports';
import { warningContent } from './support/retention';
import { insertStaff } from './support/staff';

/** Issue 12 item 5: each retention period changes what the purge removes, and is audited. */

const NOW = new Date('2026-11-30T12:00:00.000Z');

async function setup() {
	const { db } = await freshDb();
	const admin = await insertStaff(db, { role: 'admin' });
	return { db, admin };
}

const refs = async (db: Db) =>
	(await db.selectFrom('reports').select('ref').orderBy('ref').execute()).map((r) => r.ref);

async function closedReport(db: Db, ref: string, closedAt: Date) {
	const id = await insertQueueReport(db, { ref, createdAt: '2020-01-01T10:00:00.000Z' });
	await db
		.updateTable('reports')
		.set({ status: 'closed', outcome: 'nfa', closed_at: closedAt.toISOString() })
		.where('id', '=', id)
		.execute();
	return id;
}

async function withdrawnReport(db: Db, ref: string, withdrawnAt: Date) {
	const id = await insertQueueReport(db, { ref, createdAt: '2020-01-01T10:00:00.000Z' });
	await db
		.updateTable('reports')
		.set({ withdrawn_at: withdrawnAt.toISOString() })
		.where('id', '=', id)
		.execute();
	return id;
}

const reporterMessage = (db: Db, reportId: string, at: Date) =>
	db
		.insertInto('messages')
		.values({
			id: randomBytes(8).toString('hex'),
			report_id: reportId,
			direction: 'from_reporter',
			author_id: null,
			created_at: at.toISOString(),
			nonce: randomBytes(24),
			ciphertext: randomBytes(300),
			key_for_unit: randomBytes(80),
			key_for_reporter: randomBytes(80),
			read_at: null
		})
		.execute();

async function change(db: Db, admin: Awaited<ReturnType<typeof insertStaff>>, over: object) {
	const next = v.parse(RetentionSchema, { ...(await loadRetention(db)), ...over });
	await changeRetention(db, admin, next);
}

async function lastSettingsChange(db: Db) {
	const row = await db
		.selectFrom('audit_events')
		.select(['action', 'subject', 'actor_id', 'detail_json'])
		.where('action', '=', 'settings.change')
		.orderBy('seq', 'desc')
		.executeTakeFirstOrThrow();
	return { ...row, detail: JSON.parse(row.detail_json) };
}

describe('retention settings', () => {
	it('checks every period as a whole number in its range, form text and stored numbers alike', () => {
		const ok = (over: Partial<Record<keyof RetentionPeriods, unknown>>) =>
			v.safeParse(RetentionSchema, { ...RETENTION_DEFAULTS, ...over });
		expect(ok({ closedMonths: ' 36 ', withdrawnDays: '7' }).output).toMatchObject({
			closedMonths: 36,
			withdrawnDays: 7
		});
		expect(ok({ sessionDays: '0', inviteDays: 0, warningDays: '3650' }).success).toBe(true);
		for (const bad of ['', ' ', '-1', '1.5', '1e2', 'ten', '0x10', null, 121, 0]) {
			const result = ok({ closedMonths: bad });
			expect(result.success, String(bad)).toBe(false);
			expect(result.issues?.[0].message).toBe('Enter a whole number of months from 1 to 120.');
		}
		expect(ok({ withdrawnDays: '0' }).issues?.[0].message).toBe(
			'Enter a whole number of days from 1 to 3650.'
		);
		expect(ok({ sessionDays: '366' }).success).toBe(false);
	});

	it('starts from the defaults, and a change is stored with one settings.change line naming the old and new values', async () => {
		const { db, admin } = await setup();
		expect(await loadRetention(db)).toEqual(RETENTION_DEFAULTS);
		await change(db, admin, { withdrawnDays: 7, closedMonths: 36 });
		expect(await loadRetention(db)).toEqual({
			...RETENTION_DEFAULTS,
			withdrawnDays: 7,
			closedMonths: 36
		});
		const line = await lastSettingsChange(db);
		expect(line).toMatchObject({ subject: 'retention', actor_id: admin.id });
		expect(line.detail).toEqual({
			setting: 'retention',
			old: { closedMonths: 24, withdrawnDays: 30 },
			new: { closedMonths: 36, withdrawnDays: 7 }
		});
		// The same values again: refused plainly, nothing written.
		const events = (await verifyAuditChain(db)).count;
		await expect(changeRetention(db, admin, await loadRetention(db))).rejects.toBeInstanceOf(
			DomainError
		);
		expect((await verifyAuditChain(db)).count).toBe(events);
	});
});

describe('each period changes what the purge removes', () => {
	it('withdrawn reports: the default keeps one withdrawn 10 days ago; 7 days purges it', async () => {
		const { db, admin } = await setup();
		await withdrawnReport(db, 'SR-WDRN-0010', daysBefore(NOW, 10));
		await withdrawnReport(db, 'SR-WDRN-0040', daysBefore(NOW, 40));
		expect((await purgeDue(db, { now: NOW })).counts.reports).toBe(1);
		expect(await refs(db)).toEqual(['SR-WDRN-0010']);
		await change(db, admin, { withdrawnDays: 7 });
		expect((await lastSettingsChange(db)).detail).toMatchObject({
			old: { withdrawnDays: 30 },
			new: { withdrawnDays: 7 }
		});
		expect((await purgeDue(db, { now: NOW })).counts.reports).toBe(1);
		expect(await refs(db)).toEqual([]);
	});

	it('closed reports: the default keeps one closed 13 months ago; 12 months purges it; open reports stay', async () => {
		const { db, admin } = await setup();
		await closedReport(db, 'SR-CLSD-0013', monthsBefore(NOW, 13));
		await closedReport(db, 'SR-CLSD-0025', monthsBefore(NOW, 25));
		await insertQueueReport(db, { ref: 'SR-OPEN-0060', createdAt: '2020-01-01T10:00:00.000Z' });
		await purgeDue(db, { now: NOW });
		expect(await refs(db)).toEqual(['SR-CLSD-0013', 'SR-OPEN-0060']);
		await change(db, admin, { closedMonths: 12 });
		await purgeDue(db, { now: NOW });
		expect(await refs(db)).toEqual(['SR-OPEN-0060']);
	});

	it("a reporter's message pushes the report's retention forward from the message", async () => {
		const { db } = await setup();
		const closed = await closedReport(db, 'SR-CLSD-MSG1', monthsBefore(NOW, 30));
		const withdrawn = await withdrawnReport(db, 'SR-WDRN-MSG2', daysBefore(NOW, 45));
		await reporterMessage(db, closed, monthsBefore(NOW, 2));
		await reporterMessage(db, withdrawn, daysBefore(NOW, 20));
		// A message from the unit does not count: only the reporter's own.
		await db
			.insertInto('messages')
			.values({
				id: 'unit-msg',
				report_id: closed,
				direction: 'to_reporter',
				author_id: null,
				created_at: NOW.toISOString(),
				nonce: randomBytes(24),
				ciphertext: randomBytes(300),
				key_for_unit: randomBytes(80),
				key_for_reporter: randomBytes(80),
				read_at: null
			})
			.execute();
		await purgeDue(db, { now: NOW });
		expect(await refs(db)).toEqual(['SR-CLSD-MSG1', 'SR-WDRN-MSG2']);
		// 30 days after the withdrawn report's last message, and 24 months after the other's.
		await purgeDue(db, { now: new Date(daysBefore(NOW, 20).getTime() + 30 * 86_400_000 + 1) });
		expect(await refs(db)).toEqual(['SR-CLSD-MSG1']);
		await purgeDue(db, { now: monthsBefore(monthsBefore(NOW, 2), -24) });
		expect(await refs(db)).toEqual([]);
	});

	it('warnings: retracted and expired ones go after the warning period, live ones stay', async () => {
		const { db, admin } = await setup();
		const warning = async (id: string, status: string, over: object) => {
			const c = warningContent();
			await db
				.insertInto('warnings')
				.values({
					id,
					report_id: null,
					area: c.area,
					incident_month: c.month,
					types_json: JSON.stringify(c.types),
					title: c.title,
					body: c.body,
					identifiers_json: JSON.stringify(c.identifiers),
					status,
					published_at: '2026-01-01T10:00:00.000Z',
					published_by: admin.id,
					retracted_at: null,
					expires_on: null,
					...over
				})
				.execute();
		};
		await warning('retracted-10d', 'retracted', {
			retracted_at: daysBefore(NOW, 10).toISOString()
		});
		await warning('expired-10d', 'published', {
			expires_on: daysBefore(NOW, 11).toISOString().slice(0, 10)
		});
		await warning('live-dated', 'published', { expires_on: '2027-01-31' });
		await warning('live-open', 'published', {});
		await db
			.insertInto('warning_versions')
			.values({
				warning_id: 'retracted-10d',
				version: 1,
				saved_at: NOW.toISOString(),
				saved_by: admin.id,
				content_json: '{}'
			})
			.execute();
		const ids = async () =>
			(await db.selectFrom('warnings').select('id').orderBy('id').execute()).map((w) => w.id);
		await purgeDue(db, { now: NOW });
		expect(await ids()).toEqual(['expired-10d', 'live-dated', 'live-open', 'retracted-10d']);
		await change(db, admin, { warningDays: 5 });
		const result = await purgeDue(db, { now: NOW });
		expect(result.counts.warnings).toBe(2);
		expect(await ids()).toEqual(['live-dated', 'live-open']);
		expect(await db.selectFrom('warning_versions').selectAll().execute()).toEqual([]);
		const lines = await db
			.selectFrom('audit_events')
			.select('detail_json')
			.where('action', '=', 'warning.purge')
			.execute();
		expect(lines.map((l) => JSON.parse(l.detail_json).warning_id).sort()).toEqual([
			'expired-10d',
			'retracted-10d'
		]);
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('sessions and unused invites: kept for the period after they end, then deleted', async () => {
		const { db, admin } = await setup();
		const ended = daysBefore(NOW, 3).toISOString();
		await db
			.insertInto('sessions')
			.values({
				id_hash: randomBytes(32),
				staff_id: admin.id,
				created_at: ended,
				last_seen_at: ended,
				expires_at: ended
			})
			.execute();
		await db
			.insertInto('sessions')
			.values({
				id_hash: randomBytes(32),
				staff_id: admin.id,
				created_at: NOW.toISOString(),
				last_seen_at: NOW.toISOString(),
				expires_at: new Date(NOW.getTime() + 3_600_000).toISOString()
			})
			.execute();
		const invite = (expiresAt: string, usedAt: string | null) =>
			db
				.insertInto('invites')
				.values({
					token_hash: randomBytes(32),
					role: 'reviewer',
					team: 'RASSO',
					created_by: admin.id,
					created_at: '2026-11-01T10:00:00.000Z',
					expires_at: expiresAt,
					used_at: usedAt,
					used_by: null
				})
				.execute();
		await invite(ended, null);
		await invite(ended, '2026-11-01T11:00:00.000Z');
		const counts = async () => ({
			sessions: (await db.selectFrom('sessions').selectAll().execute()).length,
			invites: (await db.selectFrom('invites').selectAll().execute()).length
		});
		await change(db, admin, { sessionDays: 7, inviteDays: 7 });
		await purgeDue(db, { now: NOW });
		expect(await counts()).toEqual({ sessions: 2, invites: 2 });
		await change(db, admin, { sessionDays: 2 });
		expect((await purgeDue(db, { now: NOW })).counts).toMatchObject({ sessions: 1, invites: 0 });
		await change(db, admin, { inviteDays: 2 });
		expect((await purgeDue(db, { now: NOW })).counts).toMatchObject({ sessions: 0, invites: 1 });
		// The live session and the used invite stay.
		expect(await counts()).toEqual({ sessions: 1, invites: 1 });
		const line = await db
			.selectFrom('audit_events')
			.select('detail_json')
			.where('action', '=', 'retention.purge')
			.orderBy('seq', 'desc')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(line.detail_json)).toEqual({ sessions: 0, invites: 1, via: 'daily' });
	});
});

describe('a warning published from a purged report', () => {
	it('stays published, cut loose from the report, and still says it came from a report', async () => {
		const { db, admin } = await setup();
		const reportId = await withdrawnReport(db, 'SR-WDRN-WARN', daysBefore(NOW, 40));
		const c = warningContent();
		await db
			.insertInto('warnings')
			.values({
				id: 'from-report',
				report_id: reportId,
				area: c.area,
				incident_month: c.month,
				types_json: JSON.stringify(c.types),
				title: c.title,
				body: c.body,
				identifiers_json: JSON.stringify(c.identifiers),
				status: 'published',
				published_at: '2026-10-01T10:00:00.000Z',
				published_by: admin.id,
				retracted_at: null,
				expires_on: null
			})
			.execute();
		const result = await purgeDue(db, { now: NOW });
		expect(result.counts).toMatchObject({ reports: 1, warnings: 0, warningDrafts: 0 });
		const row = await db.selectFrom('warnings').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			status: 'published',
			report_id: null,
			report_deleted_at: NOW.toISOString()
		});
		const published = toPublished(row);
		expect(published.from_report).toBe(true);
		expect(warningText(published)).not.toContain('not from a report');
	});
});

describe('the date the reporter is given', () => {
	it('is the moment the purge starts deleting the report, no earlier and no later', async () => {
		const { db } = await setup();
		const closedAt = monthsBefore(NOW, 30);
		const messageAt = monthsBefore(NOW, 1);
		const closed = await closedReport(db, 'SR-CLSD-DATE', closedAt);
		await reporterMessage(db, closed, messageAt);
		await withdrawnReport(db, 'SR-WDRN-DATE', daysBefore(NOW, 3));
		const rows = await db.selectFrom('reports').selectAll().orderBy('ref').execute();
		const periods = await loadRetention(db);
		const dueClosed = deletionDue(rows[0], messageAt.toISOString(), periods)!;
		const dueWithdrawn = deletionDue(rows[1], null, periods)!;
		expect(dueClosed.toISOString()).toBe(monthsBefore(messageAt, -24).toISOString());
		expect(dueWithdrawn.toISOString()).toBe(daysBefore(NOW, 3 - 30).toISOString());
		expect(
			deletionDue({ status: 'in_review', closed_at: null, withdrawn_at: null }, null, periods)
		).toBeNull();

		await purgeDue(db, { now: new Date(dueWithdrawn.getTime() - 1) });
		expect(await refs(db)).toEqual(['SR-CLSD-DATE', 'SR-WDRN-DATE']);
		await purgeDue(db, { now: dueWithdrawn });
		expect(await refs(db)).toEqual(['SR-CLSD-DATE']);
		await purgeDue(db, { now: new Date(dueClosed.getTime() - 1) });
		expect(await refs(db)).toEqual(['SR-CLSD-DATE']);
		await purgeDue(db, { now: dueClosed });
		expect(await refs(db)).toEqual([]);
	});
});

describe('the daily purge in the server', () => {
	it('is off under tests unless turned on, and runs on the injected clock once turned on', async () => {
		const { db } = await setup();
		await withdrawnReport(db, 'SR-WDRN-0040', daysBefore(NOW, 40));
		const { vi } = await import('vitest');
		vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
		try {
			const stopOff = startRetention(db, { now: () => NOW });
			await vi.advanceTimersByTimeAsync(2 * 24 * 3_600_000);
			await stopOff();
			expect(await refs(db)).toEqual(['SR-WDRN-0040']);

			let clock = daysBefore(NOW, 20);
			const results: number[] = [];
			const stop = startRetention(db, {
				now: () => clock,
				enabled: true,
				onResult: (r) => results.push(r instanceof Error ? -1 : r.counts.reports)
			});
			// First pass a minute after start: 20 days ago the report was not yet due.
			await vi.advanceTimersByTimeAsync(60_000);
			await vi.waitFor(() => expect(results).toEqual([0]));
			clock = NOW;
			await vi.advanceTimersByTimeAsync(24 * 3_600_000);
			await vi.waitFor(() => expect(results).toEqual([0, 1]));
			await stop();
			expect(await refs(db)).toEqual([]);
		} finally {
			vi.useRealTimers();
		}
	});
});
