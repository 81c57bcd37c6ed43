import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { seedSyntheticReports } from '../../src/lib/server/demo/seed';
import { type MadeMember } from '../../src/lib/server/demo/staff';
import {
	expectNoAxeViolations,
	expectNoSidewaysOverflow,
	screenshotAtWidths
} from './support/page-checks';
import { type Portal } from './support/portal';
import { Authenticator, count, lastAudit, withDb } from './support/staff';
import { newStaffPage, signInStaff } from './support/staff-sign-in';
import { startTeamPortal } from './support/team';

/**
 * Signed policy-deviation records and the admin audit page, on one fresh portal whose staff are
 * made server-side with the browser's own key functions: records signed in the browser, verified
 * on the page and by `npm run audit:verify`, tampering with records and the chain found by both,
 * and a checkpoint downloaded from the page that catches a chain cut back.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const run = promisify(execFile);
let portal: Portal;
let admin: MadeMember;
let reviewer: MadeMember;
let analyst: MadeMember;
let refs: string[];
let apps: Map<string, Authenticator>;
const contexts: BrowserContext[] = [];
const STAND_ALONE =
	'Met the reporter at the outreach van rather than at the station, outside the usual procedure, because she would not come to a police building. Line manager told by phone first.';
const FOR_REPORT =
	'Shared the vehicle registration with the liaison officer before a THRIVE review, because the same car was seen again that night. Sergeant agreed at 22:10.';

const auditVerify = (...args: string[]) =>
	run('npm', ['run', '--silent', 'audit:verify', '--', ...args], {
		env: { ...process.env, DATABASE_URL: portal.dbPath }
	}).then(
		(r) => ({ code: 0, out: r.stdout + r.stderr }),
		(e: { code: number; stdout: string; stderr: string }) => ({
			code: e.code,
			out: e.stdout + e.stderr
		})
	);

async function signIn(browser: Browser, who: MadeMember): Promise<Page> {
	const page = await newStaffPage(browser, contexts);
	await signInStaff(page, portal.url, who, await apps.get(who.id)!.next());
	return page;
}

/** After a full page load the keys are locked; the passphrase opens them again. */
async function unlock(page: Page, who: MadeMember) {
	await page.getByLabel('Passphrase').fill(who.passphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByText('Keys unlocked in this tab.')).toBeVisible();
}

// Nothing may stick out sideways on a phone.
const screenshots = (page: Page, name: string) =>
	screenshotAtWidths(page, 'records-screens', name, (width) =>
		expectNoSidewaysOverflow(page, width, `${name} at ${width} px`)
	);

let reviewerPage: Page;
let adminPage: Page;

test.beforeAll(async () => {
	const team = await startTeamPortal({
		env: { RATE_LIMIT_FACTOR: '5' },
		admin: 'audit.admin',
		members: [
			{ username: 'rita.reviewer', role: 'reviewer', team: 'RASSO' },
			{ username: 'andy.analyst', role: 'analyst', team: 'Liaison' }
		],
		seed: async (db) => {
			refs = (await seedSyntheticReports(db, 2)).refs;
		}
	});
	({ portal, admin, apps } = team);
	[reviewer, analyst] = team.members;
});

test.afterAll(async () => {
	for (const context of contexts) {
		await context.close();
	}
	await portal?.stop();
});

test('a reviewer records a signed deviation, stand-alone and for a report', async ({ browser }) => {
	reviewerPage = await signIn(browser, reviewer);
	const page = reviewerPage;
	// By link, so the keys unlocked at sign-in stay in this tab.
	await page.getByRole('navigation').getByRole('link', { name: 'Policy deviations' }).click();
	await expect(page.getByText('No policy deviations have been recorded.')).toBeVisible();
	await page.getByRole('link', { name: 'Record a deviation' }).click();

	// Too short: refused in the browser, nothing sent.
	await page.getByLabel('Why was it necessary to step outside policy?').fill('Because.');
	await page.getByRole('button', { name: 'Sign and store this record' }).click();
	await expect(page.getByRole('alert')).toContainText('Write at least 20 characters');
	expect(count(portal.dbPath, 'deviations')).toBe(0);

	await page.getByLabel('Why was it necessary to step outside policy?').fill(STAND_ALONE);
	await page.getByRole('button', { name: 'Sign and store this record' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'signed, dated and stored' })
	).toBeVisible();
	const first = page.getByRole('listitem').filter({ hasText: 'outreach van' });
	await expect(first).toContainText('by rita.reviewer');
	await expect(first).toContainText('not about one report');
	await expect(first).toContainText('Signature verified');
	expect(lastAudit(portal.dbPath)).toMatchObject({ action: 'deviation.recorded', subject: null });

	// From a report: the link the report page gives. A full load locks the keys until unlocked.
	await page.goto(`${portal.url}/staff/deviations/new?report=${refs[0]}`);
	await expect(page.getByText(`For report ${refs[0]}`)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Sign and store this record' })).toBeDisabled();
	await unlock(page, reviewer);
	await page.getByLabel('Why was it necessary to step outside policy?').fill(FOR_REPORT);
	await page.getByRole('button', { name: 'Sign and store this record' }).click();
	const second = page.getByRole('listitem').filter({ hasText: 'vehicle registration' });
	await expect(second).toContainText(`for report ${refs[0]}`);
	await expect(second).toContainText('Signature verified');

	const audit = lastAudit(portal.dbPath);
	expect(audit).toMatchObject({ action: 'deviation.recorded', subject: refs[0] });
	// The rationale lives only in its signed record, not in the audit line.
	expect(audit.detail_json).not.toContain('vehicle');
	const stored = withDb(
		portal.dbPath,
		(db) =>
			db
				.prepare(
					'select d.record_json, d.at, r.ref from deviations d join reports r on r.id = d.report_id'
				)
				.get() as { record_json: string; at: string; ref: string }
	);
	// The only member who can acknowledge it (an analyst cannot) is chosen for the reviewer.
	expect(JSON.parse(stored.record_json)).toEqual({
		v: 2,
		kind: 'policy_deviation',
		staff_id: reviewer.id,
		at: stored.at,
		report_ref: refs[0],
		text: FOR_REPORT,
		line_manager_id: admin.id
	});
	expect(stored.ref).toBe(refs[0]);
	await expectNoAxeViolations(page, '/staff/deviations');
	await screenshots(page, 'deviations');
	await page.goto(`${portal.url}/staff/deviations/new?report=${refs[1]}`);
	await expectNoAxeViolations(page, '/staff/deviations/new');
	await screenshots(page, 'deviation-new');
});

test('a record with a bad signature, or for no such report, is refused and nothing is stored', async () => {
	const before = { d: count(portal.dbPath, 'deviations'), a: count(portal.dbPath, 'audit_events') };
	const record = {
		v: 1,
		kind: 'policy_deviation',
		staff_id: reviewer.id,
		at: new Date().toISOString(),
		report_ref: refs[1],
		text: 'A rationale that was never signed by this member at all.'
	};
	const api = reviewerPage.request;
	const forged = await api.post(portal.url + '/api/v1/staff/deviations', {
		data: { record, signature: toBase64url(new Uint8Array(randomBytes(64))) }
	});
	expect(forged.status()).toBe(400);
	expect((await forged.json()).error.message).toContain('does not match your key');
	const malformed = await api.post(portal.url + '/api/v1/staff/deviations', {
		data: { record: { ...record, text: 42 }, signature: 'x' }
	});
	expect(malformed.status()).toBe(400);
	const badRef = await reviewerPage.goto(`${portal.url}/staff/deviations/new?report=nonsense`);
	expect(badRef?.status()).toBe(400);
	const unknownRef = await reviewerPage.goto(
		`${portal.url}/staff/deviations/new?report=SR-0000-0000`
	);
	expect(unknownRef?.status()).toBe(404);
	expect({
		d: count(portal.dbPath, 'deviations'),
		a: count(portal.dbPath, 'audit_events')
	}).toEqual(before);
	expect(portal.output()).not.toContain('unexpected error');
});

test('an analyst cannot record deviations; only admins reach the audit page', async ({
	browser
}) => {
	const page = await signIn(browser, analyst);
	await expect(page.getByRole('link', { name: 'Policy deviations' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
	for (const path of ['/staff/deviations', '/staff/deviations/new', '/staff/audit']) {
		expect((await page.request.get(portal.url + path)).status(), path).toBe(403);
	}
	const post = await page.request.post(portal.url + '/api/v1/staff/deviations', {
		data: { record: {}, signature: '' }
	});
	expect(post.status()).toBe(403);
	const action = await page.request.post(portal.url + '/staff/deviations/new', {
		headers: { origin: portal.url },
		form: { record: '{}', signature: '' }
	});
	expect(action.status()).toBe(403);
	// A reviewer records deviations but does not see the audit log.
	expect((await reviewerPage.request.get(portal.url + '/staff/audit')).status()).toBe(403);
	const checkpoint = await reviewerPage.request.post(portal.url + '/staff/audit?/checkpoint', {
		headers: { origin: portal.url },
		form: { body: '{}', signature: '' }
	});
	expect(checkpoint.status()).toBe(403);
	expect(count(portal.dbPath, 'deviations')).toBe(2);
});

test('the audit page shows the chain verified, each record verified, and filters', async ({
	browser
}) => {
	adminPage = await signIn(browser, admin);
	const page = adminPage;
	await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
	const events = count(portal.dbPath, 'audit_events');
	await expect(page.getByText(`Chain verified: ${events} events.`)).toBeVisible();
	await expect(page.getByText('Signed records: 2 of 2 verified.')).toBeVisible();

	const list = page.getByRole('region', { name: 'Events' }).getByRole('listitem');
	await expect(list).toHaveCount(events);
	await page.getByLabel('Action').selectOption('deviation.recorded');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/action=deviation\.recorded/);
	await expect(list).toHaveCount(2);
	await expect(list.first()).toContainText('rita.reviewer');

	// A report's history: everything whose subject is that report.
	await page.getByLabel('Action').selectOption('');
	await page.getByLabel('Report reference').fill(refs[0].toLowerCase());
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(new RegExp(`report=${refs[0].toLowerCase()}`));
	await expect(list.filter({ hasText: 'deviation.recorded' })).toHaveCount(1);
	await expect(list.filter({ hasText: 'report.received' })).toHaveCount(1);
	await expect(list.filter({ hasNotText: refs[0] })).toHaveCount(0);

	// Who, and when.
	await page.goto(`${portal.url}/staff/audit?actor=${reviewer.id}`);
	await expect(list.filter({ hasText: 'deviation.recorded' })).toHaveCount(2);
	await expect(list.filter({ hasNotText: 'rita.reviewer' })).toHaveCount(0);
	// A member as the subject is named, not just numbered.
	await page.goto(`${portal.url}/staff/audit?action=staff.onboard`);
	await expect(list.filter({ hasText: `rita.reviewer (${reviewer.id})` })).toHaveCount(1);
	await page.goto(`${portal.url}/staff/audit?from=2000-01-01&to=2000-12-31`);
	await expect(page.getByText('No events match these filters.')).toBeVisible();
	const bad = await page.request.get(`${portal.url}/staff/audit?from=yesterday`);
	expect(bad.status()).toBe(400);

	await page.goto(`${portal.url}/staff/audit`);
	await expectNoAxeViolations(page, '/staff/audit');
	await screenshots(page, 'audit');
});

test('a checkpoint downloaded from the page passes audit:verify, and fails once the chain is cut back', async () => {
	const page = adminPage;
	await page.goto(`${portal.url}/staff/audit`);
	await unlock(page, admin);
	const headSeq = count(portal.dbPath, 'audit_events');
	await expect(page.getByText(`The newest event is #${headSeq}`)).toBeVisible();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Sign and download a checkpoint' }).click();
	const file = join(portal.dataDir, 'checkpoint.json');
	await (await download).saveAs(file);
	await expect(page.getByRole('status').filter({ hasText: 'Checkpoint signed' })).toBeVisible();
	expect(lastAudit(portal.dbPath)).toMatchObject({ action: 'audit.checkpoint' });
	expect(JSON.parse(lastAudit(portal.dbPath).detail_json)).toMatchObject({ head_seq: headSeq });

	const good = await auditVerify('--checkpoint', file);
	expect(good.out).toContain(`OK ${headSeq + 1} events`);
	expect(good.out).toContain('OK 2 signed records');
	expect(good.out).toContain(`OK checkpoint at seq ${headSeq}`);
	expect(good.code).toBe(0);

	// Cut the chain back to before the signed head: the chain alone still verifies…
	withDb(portal.dbPath, (db) =>
		db.prepare('delete from audit_events where seq >= ?').run(headSeq - 1)
	);
	const cut = await auditVerify('--checkpoint', file);
	expect(cut.out).toContain(`OK ${headSeq - 2} events`);
	// …but the checkpoint does not.
	expect(cut.out).toContain(
		`CHECKPOINT FAILED: the chain was truncated: seq ${headSeq} is missing`
	);
	expect(cut.code).toBe(1);
});

test('a record altered in the database fails verification on the pages and in audit:verify', async () => {
	const original = withDb(
		portal.dbPath,
		(db) =>
			db.prepare("select id, record_json from deviations where record_json like '%van%'").get() as {
				id: string;
				record_json: string;
			}
	);
	withDb(portal.dbPath, (db) =>
		db
			.prepare('update deviations set record_json = ? where id = ?')
			.run(original.record_json.replace('outreach van', 'police station'), original.id)
	);
	const result = await auditVerify();
	expect(result.out).toContain(`BAD SIGNATURE on deviation record ${original.id}`);
	expect(result.code).toBe(1);

	const page = adminPage;
	await page.goto(`${portal.url}/staff/audit`);
	const alert = page.getByRole('alert').filter({ hasText: 'record fails verification' });
	await expect(alert).toContainText('1 signed record fails verification');
	await expect(alert).toContainText(original.id);
	await page.goto(`${portal.url}/staff/deviations`);
	const altered = page.getByRole('listitem').filter({ hasText: 'police station' });
	await expect(altered).toContainText('Signature check failed');
	await expect(
		page.getByRole('listitem').filter({ hasText: 'vehicle registration' })
	).toContainText('Signature verified');
	withDb(portal.dbPath, (db) =>
		db
			.prepare('update deviations set record_json = ? where id = ?')
			.run(original.record_json, original.id)
	);
});

test('an audit row changed with SQL is named by audit:verify and by the page', async () => {
	const target = withDb(
		portal.dbPath,
		(db) =>
			db
				.prepare(
					"select seq, detail_json from audit_events where action = 'report.received' limit 1"
				)
				.get() as { seq: number; detail_json: string }
	);
	expect((await auditVerify()).code).toBe(0);
	withDb(portal.dbPath, (db) =>
		db
			.prepare('update audit_events set detail_json = ? where seq = ?')
			.run(target.detail_json.replace('"server"', '"browser"'), target.seq)
	);
	const result = await auditVerify();
	expect(result.out).toContain(`BROKEN at seq ${target.seq}: hash does not match`);
	expect(result.code).toBe(1);

	const page = adminPage;
	await page.goto(`${portal.url}/staff/audit`);
	await expect(
		page.getByRole('alert').filter({ hasText: `The audit chain is broken at seq ${target.seq}` })
	).toBeVisible();
	await expect(page.getByText(/Chain verified/)).toHaveCount(0);
	// No checkpoint is offered over a broken chain.
	await expect(page.getByRole('button', { name: 'Sign and download a checkpoint' })).toHaveCount(0);
	await screenshots(page, 'audit-broken');
});
