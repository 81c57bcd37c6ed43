import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { alertSentence, COUNT_SOURCES } from '../../src/lib/server/alerts/counts';
import { DIGEST_THROUGH_KEY, digestBoundary, runDigest } from '../../src/lib/server/alerts/digest';
import { getSetting } from '../../src/lib/server/settings/store';
import { isOverdue, overdueReports } from '../../src/lib/server/alerts/overdue';
import { AlertSettingsForm, loadAlertSettings } from '../../src/lib/server/alerts/settings';
import { mashReferralOf, recordMashReferral } from '../../src/lib/server/triage/mash';
import { freshDb } from './support/db';
import { insertQueueReport } from './support/reports';
import { insertStaff } from './support/staff';
import { configureAlerts } from './support/alerts';

const form = (fields: Record<string, string>) =>
	v.safeParse(AlertSettingsForm, {
		recipients: '',
		webhook: '',
		digest: 'daily',
		safeguarding_minutes: '60',
		any_days: '3',
		...fields
	});
const problem = (fields: Record<string, string>) => {
	const result = form(fields);
	// The field at fault, as the form shows it (an address's index is dropped).
	return result.success
		? null
		: Object.fromEntries(
				Object.entries(v.flatten(result.issues).nested ?? {}).map(([k, m]) => [k.split('.')[0], m])
			);
};

describe('alert settings', () => {
	it('accept a list of addresses and an https webhook, and refuse anything else', () => {
		const ok = form({
			recipients: 'Duty@Unit.example\n lead@unit.example, duty@unit.example',
			webhook: 'https://messaging.force.example/hooks/safereport'
		});
		expect(ok.success && ok.output.recipients).toEqual(['duty@unit.example', 'lead@unit.example']);
		expect(form({ webhook: 'http://127.0.0.1:8080/hook' }).success).toBe(true);
		expect(form({ webhook: 'http://localhost/hook' }).success).toBe(true);

		expect(problem({ recipients: 'duty@unit.example\nnot-an-address' })).toHaveProperty(
			'recipients'
		);
		expect(
			problem({ recipients: Array.from({ length: 21 }, (_, i) => `m${i}@x.example`).join('\n') })
		).toHaveProperty('recipients');
		for (const webhook of [
			'http://messaging.force.example/hook',
			'http://10.0.0.5/hook',
			'ftp://files.example/hook',
			'file:///etc/passwd',
			'javascript:alert(1)',
			'https://user:secret@messaging.force.example/hook',
			'not a url'
		]) {
			expect(problem({ webhook }), webhook).toHaveProperty('webhook');
		}
		expect(problem({ digest: 'weekly' })).toHaveProperty('digest');
		expect(problem({ safeguarding_minutes: '0' })).toHaveProperty('safeguarding_minutes');
		expect(problem({ safeguarding_minutes: '1.5' })).toHaveProperty('safeguarding_minutes');
		expect(problem({ any_days: '999' })).toHaveProperty('any_days');
	});

	it('are saved with an audit line that names no address', async () => {
		const { db } = await freshDb();
		const admin = await insertStaff(db, { role: 'admin' });
		const { changed } = await configureAlerts(db, admin, {
			recipients: 'duty@unit.example',
			webhook: 'https://messaging.force.example/hooks/x',
			safeguarding_minutes: '30'
		});
		expect(changed.sort()).toEqual(['digest', 'recipients', 'safeguardingMinutes', 'webhook']);
		expect(await loadAlertSettings(db)).toMatchObject({
			recipients: ['duty@unit.example'],
			safeguardingMinutes: 30,
			anyDays: 3
		});
		const audit = await db.selectFrom('audit_events').selectAll().execute();
		expect(audit.map((a) => [a.action, a.actor_id])).toEqual([['settings.change', admin.id]]);
		expect(audit[0].detail_json).not.toContain('@');
		expect(audit[0].detail_json).not.toContain('messaging.force.example');

		// Saving the same settings again changes nothing and writes nothing.
		const again = await configureAlerts(db, admin, {
			recipients: 'duty@unit.example',
			webhook: 'https://messaging.force.example/hooks/x',
			safeguarding_minutes: '30'
		});
		expect(again.changed).toEqual([]);
		expect(await db.selectFrom('audit_events').selectAll().execute()).toHaveLength(1);
	});
});

describe('what an alert says', () => {
	it('counts and nothing else, in plain words', () => {
		expect(alertSentence({ urgent: 1, new: 0, replies: 0 })).toBe(
			'1 new urgent report is waiting.'
		);
		expect(alertSentence({ urgent: 1, new: 3, replies: 0 })).toBe(
			'1 new urgent report and 3 new reports are waiting.'
		);
		expect(alertSentence({ urgent: 0, new: 1, replies: 2 })).toBe(
			'1 new report and 2 replies from reporters are waiting.'
		);
		expect(alertSentence({ urgent: 2, new: 1, replies: 1 })).toBe(
			'2 new urgent reports, 1 new report and 1 reply from a reporter are waiting.'
		);
		expect(alertSentence({ urgent: 0, new: 0, replies: 0, deviations: 1 })).toBe(
			'1 policy-deviation record for a line manager is waiting.'
		);
		expect(COUNT_SOURCES.map((s) => s.key)).toEqual(['urgent', 'new', 'replies', 'deviations']);
	});

	it('digests on the hour, or daily at 07:00 UTC', () => {
		const at = new Date('2026-11-30T06:42:10Z');
		expect(digestBoundary(at, 'hourly')).toBe('2026-11-30T06:00:00.000Z');
		expect(digestBoundary(at, 'daily')).toBe('2026-11-29T07:00:00.000Z');
		expect(digestBoundary(new Date('2026-11-30T07:00:00Z'), 'daily')).toBe(
			'2026-11-30T07:00:00.000Z'
		);
	});
});

describe('deviation records in the digest', () => {
	it('names each waiting record in exactly one period, after it can have arrived', async () => {
		const { db } = await freshDb();
		const author = await insertStaff(db, { username: 'amy' });
		const manager = await insertStaff(db, { username: 'sam', role: 'admin' });
		// Signed times as the authors' browsers wrote them, up to five minutes off the server's.
		for (const at of [
			'2026-11-30T05:54:00.000Z',
			'2026-11-30T06:50:00.000Z',
			'2026-11-30T06:58:00.000Z'
		]) {
			await db
				.insertInto('deviations')
				.values({
					id: at,
					report_id: null,
					staff_id: author.id,
					at,
					record_json: '{}',
					signature: new Uint8Array(64),
					line_manager_id: manager.id
				})
				.execute();
		}
		const source = COUNT_SOURCES.find((s) => s.key === 'deviations')!;
		const hour = (h: string, next: string) => ({
			from: `2026-11-30T${h}:00:00.000Z`,
			to: `2026-11-30T${next}:00:00.000Z`
		});
		// 06:58 may arrive at 07:03, after the 06:00–07:00 digest: it goes in the next one.
		expect(await source.count(db, hour('05', '06'))).toBe(1);
		expect(await source.count(db, hour('06', '07'))).toBe(1);
		expect(await source.count(db, hour('07', '08'))).toBe(1);
	});
});

describe('the digest', () => {
	it('counts from when someone is set up, each period once, and skips urgent-only periods', async () => {
		const { db } = await freshDb();
		const admin = await insertStaff(db, { role: 'admin' });
		const t = (iso: string) => new Date(iso);
		// Nobody to tell: nothing is written.
		expect(await runDigest(db, t('2026-11-30T10:30:00Z'))).toBeNull();
		expect(await getSetting(db, DIGEST_THROUGH_KEY)).toBeUndefined();

		await configureAlerts(db, admin, { webhook: 'https://messaging.force.example/h' });
		await insertQueueReport(db, { createdAt: '2026-11-30T09:00:00.000Z' });
		expect(await runDigest(db, t('2026-11-30T10:30:00Z'))).toBeNull();
		expect(await getSetting(db, DIGEST_THROUGH_KEY)).toBe('2026-11-30T10:00:00.000Z');

		await insertQueueReport(db, { createdAt: '2026-11-30T10:00:00.000Z', safeguarding: true });
		// Only an urgent report, already alerted at once: no digest, but the period is done.
		expect(await runDigest(db, t('2026-11-30T11:05:00Z'))).toBeNull();
		await insertQueueReport(db, { createdAt: '2026-11-30T11:00:00.000Z' });
		await insertQueueReport(db, { createdAt: '2026-11-30T12:00:00.000Z' });
		expect(await runDigest(db, t('2026-11-30T12:10:00Z'))).toEqual({
			urgent: 0,
			new: 1,
			replies: 0,
			deviations: 0
		});
		// The same period is never counted twice.
		expect(await runDigest(db, t('2026-11-30T12:50:00Z'))).toBeNull();
		const queued = await db.selectFrom('alert_outbox').select(['kind', 'counts_json']).execute();
		expect(queued).toEqual([
			{ kind: 'digest', counts_json: '{"urgent":0,"new":1,"replies":0,"deviations":0}' }
		]);
	});
});

describe('the overdue badge', () => {
	const rules = { safeguardingMinutes: 60, anyDays: 3 };
	const child = {
		createdAt: '2026-11-30T14:00:00.000Z',
		safeguarding: true,
		firstOpenedAt: null,
		status: 'new'
	};
	const at = (iso: string) => new Date(iso);

	it('marks an unopened safeguarding report after the set time, any report after 3 days', () => {
		expect(isOverdue(child, rules, at('2026-11-30T14:59:59Z'))).toBe(false);
		expect(isOverdue(child, rules, at('2026-11-30T15:00:00Z'))).toBe(true);
		expect(
			isOverdue(
				{ ...child, firstOpenedAt: '2026-11-30T14:10:00Z' },
				rules,
				at('2026-12-05T00:00:00Z')
			)
		).toBe(false);
		expect(isOverdue({ ...child, status: 'closed' }, rules, at('2026-12-05T00:00:00Z'))).toBe(
			false
		);
		const adult = { ...child, safeguarding: false };
		expect(isOverdue(adult, rules, at('2026-12-03T13:59:00Z'))).toBe(false);
		expect(isOverdue(adult, rules, at('2026-12-03T14:00:00Z'))).toBe(true);
	});

	it('follows the clock it is given and the configured times', async () => {
		const { db } = await freshDb();
		const admin = await insertStaff(db, { role: 'admin' });
		const childId = await insertQueueReport(db, { createdAt: child.createdAt, safeguarding: true });
		const adultId = await insertQueueReport(db, { createdAt: child.createdAt });
		const rows = (
			await db
				.selectFrom('reports')
				.select(['id', 'created_at', 'safeguarding', 'status'])
				.execute()
		).map((r) => ({
			id: r.id,
			createdAt: r.created_at,
			safeguarding: r.safeguarding === 1,
			status: r.status
		}));
		expect(await overdueReports(db, rows, at('2026-11-30T14:30:00Z'))).toEqual([]);
		await configureAlerts(db, admin, { safeguarding_minutes: '30' });
		expect(await overdueReports(db, rows, at('2026-11-30T14:30:00Z'))).toEqual([childId]);
		expect((await overdueReports(db, rows, at('2026-12-03T14:00:00Z'))).sort()).toEqual(
			[childId, adultId].sort()
		);
		// Opened: no longer overdue.
		await db
			.updateTable('reports')
			.set({ first_opened_at: '2026-11-30T14:40:00Z' })
			.where('id', '=', childId)
			.execute();
		expect(await overdueReports(db, rows, at('2026-12-03T14:00:00Z'))).toEqual([adultId]);
	});
});

describe('the MASH referral of a possible child', () => {
	it('is recorded once, audited, and refused for other reports', async () => {
		const { db } = await freshDb();
		const reviewer = await insertStaff(db, { role: 'reviewer', username: 'reviewer-one' });
		await insertQueueReport(db, {
			ref: 'SR-AAAA-BBBB',
			createdAt: '2026-11-30T14:00:00.000Z',
			safeguarding: true
		});
		await insertQueueReport(db, { ref: 'SR-CCCC-DDDD', createdAt: '2026-11-30T14:00:00.000Z' });

		expect(await mashReferralOf(db, 'SR-AAAA-BBBB')).toBeNull();
		const done = await recordMashReferral(db, reviewer, 'SR-AAAA-BBBB');
		expect(await mashReferralOf(db, 'SR-AAAA-BBBB')).toEqual({ at: done.at, by: 'reviewer-one' });

		await expect(recordMashReferral(db, reviewer, 'SR-AAAA-BBBB')).rejects.toMatchObject({
			status: 409,
			code: 'already_recorded'
		});
		await expect(recordMashReferral(db, reviewer, 'SR-CCCC-DDDD')).rejects.toMatchObject({
			status: 409,
			code: 'not_safeguarding'
		});
		await expect(recordMashReferral(db, reviewer, 'SR-ZZZZ-ZZZZ')).rejects.toMatchObject({
			status: 404
		});

		const audit = await db.selectFrom('audit_events').selectAll().execute();
		expect(audit.map((a) => [a.action, a.subject, a.actor_id])).toEqual([
			['report.mash_referral', 'SR-AAAA-BBBB', reviewer.id]
		]);
	});
});
