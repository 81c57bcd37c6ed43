import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { openDatabase } from '../../src/lib/server/db/connect';
import { createDemoAdmin, type MadeMember } from '../../src/lib/server/demo/staff';
import {
	expectNoAxeViolations,
	expectNoSidewaysOverflow,
	screenshotAtWidths
} from './support/page-checks';
import { startPortal, type Portal } from './support/portal';
import { Authenticator, lastAudit } from './support/staff';
import { reportBody, submit } from './workbench-fixtures';
import { signInStaff } from './support/staff-sign-in';

/**
 * Urgent reports reach someone: an admin sets up alerts, a possible child's report alerts a
 * (failing) webhook at once and the admin is warned, the queue marks the report overdue once the
 * server's clock is moved on, and the report page prompts the MASH referral and records it.
 */
test.describe.configure({ mode: 'serial', timeout: 150_000 });

const SECRET = new Uint8Array(randomBytes(32));
// Made in beforeAll, not at load: Playwright also loads this file in processes that only list
// the tests, and those never run afterAll to remove it.
let clockDir = '';
let clockFile = '';
const setClock = (at: Date) => writeFileSync(clockFile, at.toISOString());

let portal: Portal;
let admin: MadeMember;
let page: Page;
let context: BrowserContext;
let hook: Server;
let hookUrl: string;
const hookBodies: string[] = [];
const refs: { child?: string; adult?: string } = {};

const envelope = (under18: string) => ({
	v: 1,
	types: ['robbery'],
	area: 'stroud',
	month: '2026-11',
	under18,
	reporter: 'self',
	warn: false,
	police: 'intelligence',
	lang: 'en'
});
const send = async (under18: string) =>
	(
		await submit(portal.url, {
			label: under18,
			envelope: envelope(under18),
			body: reportBody({
				narrative: 'Quince-Harbour-5521 happened.',
				location: 'Bus station',
				name: 'Dave',
				phone: '07700 900111',
				files: []
			}),
			files: []
		})
	).ref;

async function signIn(browser: Browser, who: MadeMember) {
	context = await browser.newContext();
	const p = await context.newPage();
	await signInStaff(p, portal.url, who, await new Authenticator(who.totpSecret).next());
	return p;
}

const row = (ref: string) =>
	page.getByRole('row').filter({ has: page.getByRole('link', { name: ref, exact: true }) });

test.beforeAll(async ({ browser }) => {
	// The force's messaging system, down: every alert it is sent fails and is retried.
	hook = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			hookBodies.push(Buffer.concat(chunks).toString('utf8'));
			res.writeHead(503).end();
		});
	});
	await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
	hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`;
	clockDir = mkdtempSync(join(tmpdir(), 'safereport-clock-'));
	clockFile = join(clockDir, 'now');
	setClock(new Date());
	portal = await startPortal({
		SERVER_SECRET: toBase64url(SECRET),
		POW_MAX: '2000',
		NODE_ENV: 'test',
		TEST_CLOCK_FILE: clockFile,
		ALERTS_SCHEDULER: 'on'
	});
	const db = openDatabase(portal.dbPath);
	try {
		admin = (
			await createDemoAdmin(
				db,
				{ username: 'ada.admin', passphrase: 'lantern quietly orbit walnut meadow' },
				SECRET
			)
		).admin;
	} finally {
		await db.destroy();
	}
	page = await signIn(browser, admin);
});

test.afterAll(async () => {
	await context?.close();
	await portal?.close();
	hook?.closeAllConnections();
	await new Promise<void>((resolve) => (hook ? hook.close(() => resolve()) : resolve()));
	if (clockDir) {
		rmSync(clockDir, { recursive: true, force: true });
	}
});

test('an admin sets who is alerted; a webhook that is not https is refused', async () => {
	await page
		.getByRole('navigation', { name: 'Staff' })
		.getByRole('link', { name: 'Settings' })
		.click();
	await page.getByRole('link', { name: 'Alerts' }).click();
	await expect(page.getByRole('heading', { name: 'Alerts for urgent reports' })).toBeVisible();
	await page.getByLabel('Webhook address (optional)').fill('http://messaging.example.org/hook');
	await page.getByRole('button', { name: 'Save alert settings' }).click();
	await expect(page.getByRole('alert')).toContainText('must start with https://');

	await page.getByLabel('E-mail addresses').fill('duty@unit.example');
	await page.getByLabel('Webhook address (optional)').fill(hookUrl);
	await page.getByLabel('Every hour').check();
	await page.getByRole('button', { name: 'Save alert settings' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Alert settings saved.' })).toBeVisible();
	const audit = lastAudit(portal.dbPath);
	expect(audit.action).toBe('settings.change');
	expect(audit.detail_json).not.toContain('duty@unit.example');
	await expectNoAxeViolations(page, 'alert settings');
	await screenshotAtWidths(page, 'alerts', 'settings');
});

test('a possible child report alerts at once, content-free; a failing delivery warns the admin', async () => {
	refs.child = await send('unsure');
	refs.adult = await send('no');
	// The webhook is tried right after the report is stored; it answers 503.
	await expect.poll(() => hookBodies.length).toBe(1);
	expect(JSON.parse(hookBodies[0])).toEqual({
		urgent: 1,
		new: 0,
		replies: 0,
		deviations: 0,
		url: `${portal.url}/staff`
	});
	for (const word of [refs.child, refs.adult, 'stroud', 'Stroud', 'robbery', 'CSE', 'Quince']) {
		expect(hookBodies[0]).not.toContain(word);
	}

	await page.goto(portal.url + '/staff');
	await expect(page.getByRole('status').filter({ hasText: 'not getting through' })).toContainText(
		// One per channel: the webhook answers 503, and this server has no mail settings.
		'2 alerts are being retried'
	);
	await page.getByRole('link', { name: 'Check the alert settings' }).click();
	const problems = page.getByRole('list', { name: 'Alerts being retried or given up' });
	await expect(problems.getByRole('listitem').filter({ hasText: 'by webhook' })).toContainText(
		/Urgent alert by webhook: tried 1\s+time, problem http_503\.\s+Next try/
	);
	await expect(problems.getByRole('listitem').filter({ hasText: 'by e-mail' })).toContainText(
		'problem smtp_not_configured'
	);
	await screenshotAtWidths(page, 'alerts', 'settings-failing', (width) =>
		expectNoSidewaysOverflow(page, width, 'alert settings with failures')
	);
});

test('the queue marks a report overdue when the clock moves past the set time', async () => {
	await page.goto(portal.url + '/staff');
	await expect(row(refs.child!)).toBeVisible();
	await expect(row(refs.child!)).not.toContainText('Overdue');

	setClock(new Date(Date.now() + 61 * 60_000));
	await page.reload();
	await expect(row(refs.child!)).toContainText('Overdue: not opened yet');
	// An adult's report is not overdue until three days have passed.
	await expect(row(refs.adult!)).not.toContainText('Overdue');

	setClock(new Date(Date.now() + 3 * 24 * 60 * 60_000 + 61 * 60_000));
	await page.reload();
	await expect(row(refs.adult!)).toContainText('Overdue: not opened yet');
	await expectNoAxeViolations(page, 'queue with overdue reports');
	await screenshotAtWidths(page, 'alerts', 'queue-overdue');
});

test('the report page of a possible child prompts the MASH referral and records it', async () => {
	await page.goto(`${portal.url}/staff/reports/${refs.adult}`);
	await expect(page.getByRole('heading', { name: `Report ${refs.adult}` })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Safeguarding referral (MASH)' })).toHaveCount(0);

	await page.goto(`${portal.url}/staff/reports/${refs.child}`);
	await page.waitForLoadState('networkidle');
	const mash = page.getByRole('region', { name: 'Safeguarding referral (MASH)' });
	await expect(mash).toContainText('This person may be under 18.');
	await screenshotAtWidths(page, 'alerts', 'mash-prompt');
	await mash.getByRole('button', { name: 'Record that the MASH referral was made' }).click();
	await expect(mash.getByRole('status')).toContainText('Done: the MASH referral was recorded');
	await expect(mash.getByRole('status')).toContainText('by ada.admin');
	await expect(mash.getByRole('button')).toHaveCount(0);
	const audit = lastAudit(portal.dbPath);
	expect([audit.action, audit.subject]).toEqual(['report.mash_referral', refs.child]);
	await expectNoAxeViolations(page, 'report page with MASH referral recorded');
	await screenshotAtWidths(page, 'alerts', 'mash-recorded');
});
