import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAlerts, wakeAlerts } from '../../src/lib/server/alerts/scheduler';
import { alertWarningFor } from '../../src/lib/server/alerts/warning';
import { dismissFailedAlerts } from '../../src/lib/server/alerts/dismiss';
import { alertProblems, RETRY_MINUTES } from '../../src/lib/server/alerts/outbox';
import type { Db } from '../../src/lib/server/db';
import { freshDb } from './support/db';
import { addUnitKey } from './support/reporter';
import { insertStaff } from './support/staff';
import { configureAlerts, SENTINEL, startReceiver, startSmtp, storeReport } from './support/alerts';

const ORIGIN = 'https://portal.example.org';
const saved = { ...process.env };
const stops: (() => Promise<void>)[] = [];

beforeEach(() => {
	process.env.ORIGIN = ORIGIN;
	process.env.SMTP_FROM = 'alerts@portal.example.org';
});
afterEach(async () => {
	for (const stop of stops.splice(0)) {
		await stop();
	}
	process.env = { ...saved };
});

/** A portal with an admin, a unit key and a clock the test moves by hand. */
async function portal() {
	const { db } = await freshDb();
	const unit = await addUnitKey(db);
	const admin = await insertStaff(db, { role: 'admin', username: 'duty-admin' });
	const clock = { t: new Date() };
	const moveMinutes = (m: number) => (clock.t = new Date(clock.t.getTime() + m * 60_000));
	const start = () => stops.push(startAlerts(db, { now: () => clock.t, everyMs: 3_600_000 }));
	return { db, unit, admin, clock, moveMinutes, start };
}

/** Everything an alert must never carry about these reports. */
async function forbiddenWords(db: Db) {
	const reports = await db.selectFrom('reports').select(['ref', 'team']).execute();
	return [
		SENTINEL,
		'tewkesbury',
		'Tewkesbury',
		'stealthing',
		'Stealthing',
		'non_payment',
		'payment',
		...reports.flatMap((r) => [r.ref, r.team])
	];
}

/** A reporter's reply as stored (sealed bytes; its time kept to the hour like the report's). */
async function addReply(db: Db, reportId: string) {
	const report = await db
		.selectFrom('reports')
		.select('created_at')
		.where('id', '=', reportId)
		.executeTakeFirstOrThrow();
	await db
		.insertInto('messages')
		.values({
			id: randomUUID(),
			report_id: reportId,
			seq: 1,
			direction: 'from_reporter',
			author_id: null,
			created_at: report.created_at,
			nonce: randomBytes(24),
			ciphertext: randomBytes(1040),
			key_for_unit: randomBytes(80),
			key_for_reporter: randomBytes(80),
			read_at: null
		})
		.execute();
}

const outbox = (db: Db) =>
	db.selectFrom('alert_outbox').selectAll().orderBy('created_at').execute();
const auditActions = async (db: Db, prefix: string) =>
	(
		await db
			.selectFrom('audit_events')
			.select(['action', 'at', 'detail_json'])
			.orderBy('seq')
			.execute()
	).filter((e) => e.action.startsWith(prefix));

describe('urgent reports reach someone, and say nothing about themselves', () => {
	it('e-mails a safeguarding report at once and ordinary reports in a digest, content-free', async () => {
		const smtp = await startSmtp();
		stops.push(smtp.close);
		process.env.SMTP_URL = smtp.url;
		const p = await portal();
		await configureAlerts(p.db, p.admin, { recipients: 'duty@unit.example\nlead@unit.example' });
		p.start();
		await wakeAlerts();

		await storeReport(p.db, p.unit, 1, 'unsure');
		await wakeAlerts();
		expect(smtp.received).toHaveLength(1);
		expect(smtp.received[0]).toMatch(/^Subject: Urgent: a report is waiting$/m);
		expect(smtp.received[0]).toContain('1 new urgent report is waiting.');
		expect(smtp.received[0]).toContain(`${ORIGIN}/staff`);

		await storeReport(p.db, p.unit, 2, 'no');
		const third = await storeReport(p.db, p.unit, 3, 'no');
		await addReply(p.db, third.id);
		await wakeAlerts();
		// Ordinary reports wait for the digest.
		expect(smtp.received).toHaveLength(1);

		// The hour ends: the digest counts what arrived in it.
		const arrived = await p.db.selectFrom('reports').select('created_at').execute();
		const latest = Math.max(...arrived.map((r) => Date.parse(r.created_at)));
		p.clock.t = new Date(latest + 61 * 60_000);
		await wakeAlerts();
		expect(smtp.received).toHaveLength(2);
		expect(smtp.received[1]).toMatch(/^Subject: Reports are waiting$/m);
		expect(smtp.received[1]).toContain(
			'1 new urgent report, 2 new reports and 1 reply from a reporter are waiting.'
		);

		for (const raw of smtp.received) {
			for (const word of await forbiddenWords(p.db)) {
				expect(raw).not.toContain(word);
			}
			// Blind copies: no recipient is named in the message itself.
			expect(raw).not.toContain('duty@unit.example');
		}
		const sent = await auditActions(p.db, 'alert.sent');
		expect(sent.map((e) => JSON.parse(e.detail_json))).toEqual([
			{ channel: 'email', kind: 'urgent', attempt: 1, recipients: 2 },
			{ channel: 'email', kind: 'digest', attempt: 1, recipients: 2 }
		]);
		// The outbox keeps counts only.
		for (const row of await outbox(p.db)) {
			expect(JSON.parse(row.counts_json)).toEqual(expect.objectContaining({ urgent: 1 }));
		}
	});

	it('retries a refusing SMTP server with backoff, shows it to admins, then gives up', async () => {
		const smtp = await startSmtp({ refuse: true });
		stops.push(smtp.close);
		process.env.SMTP_URL = smtp.url;
		const p = await portal();
		const reviewer = await insertStaff(p.db, { role: 'reviewer' });
		await configureAlerts(p.db, p.admin, { recipients: 'duty@unit.example' });
		p.start();
		await wakeAlerts();

		await storeReport(p.db, p.unit, 1, 'yes');
		await wakeAlerts();
		expect(smtp.attempts()).toBe(1);
		let [row] = await outbox(p.db);
		expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'smtp_550' });
		expect(await alertWarningFor(p.db, p.admin, p.clock.t)).toEqual({ retrying: 1, failed: 0 });
		expect(await alertWarningFor(p.db, reviewer, p.clock.t)).toBeNull();

		// Not due yet: half a minute on, nothing is tried.
		p.moveMinutes(0.5);
		await wakeAlerts();
		expect(smtp.attempts()).toBe(1);

		for (const [i, wait] of RETRY_MINUTES.entries()) {
			p.moveMinutes(wait - (i === 0 ? 0.5 : 0));
			await wakeAlerts();
			expect(smtp.attempts()).toBe(i + 2);
		}
		[row] = await outbox(p.db);
		expect(row).toMatchObject({ status: 'failed', attempts: 5, last_error: 'smtp_550' });
		expect(await alertWarningFor(p.db, p.admin, p.clock.t)).toEqual({ retrying: 0, failed: 1 });
		expect((await alertProblems(p.db, p.clock.t)).rows).toHaveLength(1);

		const failures = await auditActions(p.db, 'alert.');
		expect(failures.map((e) => e.action)).toEqual([
			'alert.queued',
			'alert.failed',
			'alert.failed',
			'alert.failed',
			'alert.failed',
			'alert.gave_up'
		]);
		// Each retry waits longer: 1, 5, 15 and 60 minutes after a failure.
		const gaps = failures
			.filter((e) => e.action === 'alert.failed')
			.map((e) => (Date.parse(JSON.parse(e.detail_json).retry_at) - Date.parse(e.at)) / 60_000);
		expect(gaps).toEqual([...RETRY_MINUTES]);
		for (const e of failures) {
			expect(e.detail_json).not.toContain('@');
		}
		// Nothing more is tried after giving up.
		p.moveMinutes(24 * 60);
		await wakeAlerts();
		expect(smtp.attempts()).toBe(5);

		// The admin has seen it: the warning goes, with an audit line saying so.
		expect(await dismissFailedAlerts(p.db, p.admin)).toBe(1);
		expect(await alertWarningFor(p.db, p.admin, p.clock.t)).toBeNull();
		const [dismissed] = await auditActions(p.db, 'alert.dismissed');
		expect(JSON.parse(dismissed.detail_json)).toEqual({ count: 1 });
	});

	it('posts the same content-free JSON to a webhook, and does not follow a redirect', async () => {
		const hook = await startReceiver();
		stops.push(hook.close);
		const p = await portal();
		await configureAlerts(p.db, p.admin, { webhook: hook.url });
		p.start();
		await wakeAlerts();

		await storeReport(p.db, p.unit, 1, 'yes');
		await wakeAlerts();
		expect(hook.bodies.map((b) => JSON.parse(b))).toEqual([
			{ urgent: 1, new: 0, replies: 0, deviations: 0, url: `${ORIGIN}/staff` }
		]);
		for (const word of await forbiddenWords(p.db)) {
			expect(hook.bodies[0]).not.toContain(word);
		}

		const redirect = await startReceiver(() => [302, { location: hook.url }]);
		stops.push(redirect.close);
		await configureAlerts(p.db, p.admin, { webhook: redirect.url });
		await storeReport(p.db, p.unit, 2, 'yes');
		await wakeAlerts();
		expect(redirect.bodies).toHaveLength(1);
		expect(hook.bodies).toHaveLength(1);
		const rows = await outbox(p.db);
		expect(rows.find((r) => r.status === 'pending')).toMatchObject({ last_error: 'http_302' });
	});

	it('sends an alert left in the outbox by a crash when the server starts again', async () => {
		const hook = await startReceiver();
		stops.push(hook.close);
		const p = await portal();
		await configureAlerts(p.db, p.admin, { webhook: hook.url });
		// No scheduler running: the report and its alert are stored, nothing is sent.
		await storeReport(p.db, p.unit, 1, 'unsure');
		expect(hook.bodies).toHaveLength(0);
		expect((await outbox(p.db)).map((r) => r.status)).toEqual(['pending']);

		const stop = startAlerts(p.db, { now: () => p.clock.t });
		await stop();
		expect(hook.bodies).toHaveLength(1);
		expect((await outbox(p.db)).map((r) => r.status)).toEqual(['sent']);
	});

	it('queues nothing when nobody is set up to receive alerts', async () => {
		const p = await portal();
		await storeReport(p.db, p.unit, 1, 'yes');
		expect(await outbox(p.db)).toEqual([]);
		expect((await auditActions(p.db, 'report.received')).length).toBe(1);
	});
});
