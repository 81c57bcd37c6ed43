import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { getSodium } from '../../src/lib/crypto/sodium';
import { openDatabase } from '../../src/lib/server/db/connect';
import {
	createDemoAdmin,
	createDemoMember,
	type MadeMember
} from '../../src/lib/server/demo/staff';
import { QUEUE_REFRESH_MS } from '../../src/lib/staff/report/queue-refresh';
import { expectNoAxeViolations, screenshotAtWidths } from './support/page-checks';
import { startPortal, type Portal } from './support/portal';
import { Authenticator } from './support/staff';
import { reportBody, submit } from './workbench-fixtures';

/**
 * The unit's side of arrivals: a reviewer unlocked on the queue sees reports that arrive after
 * unlock, on a click of "Queue" and on the timer, with a notice, linked to each other without
 * being opened, and all without a reload that would lock the keys. Plus the triage confirmation
 * beside its button and the key check on its own admin page.
 */
test.describe.configure({ mode: 'serial', timeout: 150_000 });

const SECRET = new Uint8Array(randomBytes(32));
let portal: Portal;
let admin: MadeMember;
let reviewer: MadeMember;
let unitPublicKey: Uint8Array;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let page: Page;
const refs: string[] = [];

const envelope = {
	v: 1,
	types: ['robbery'],
	area: 'gloucester',
	month: '2026-11',
	under18: 'no',
	reporter: 'self',
	warn: true,
	police: 'intelligence',
	lang: 'en'
};
const sendReport = async (phone: string) => {
	const body = reportBody({
		narrative: 'Took my phone and cash.',
		location: 'Station car park',
		name: 'Dave',
		phone,
		files: []
	});
	const { ref } = await submit(portal.url, { label: phone, envelope, body, files: [] });
	refs.push(ref);
	return ref;
};

async function signIn(browser: Browser, who: MadeMember) {
	const context = await browser.newContext();
	contexts.push(context);
	const p = await context.newPage();
	p.on('pageerror', (e) => pageErrors.push(e.message));
	// Fake timers: time still flows, but the test can jump the queue's refresh interval ahead
	// instead of waiting for it.
	await p.clock.install();
	await p.goto(portal.url + '/staff/login');
	await p.waitForLoadState('networkidle');
	await p.getByLabel('Username').fill(who.username);
	await p.getByLabel('Passphrase').fill(who.passphrase);
	await p
		.getByLabel('Code from your authenticator app')
		.fill(await new Authenticator(who.totpSecret).next());
	await p.getByRole('button', { name: 'Sign in' }).click();
	await expect(p).toHaveURL(portal.url + '/staff');
	await expect(p.getByText('Keys unlocked in this tab.')).toBeVisible();
	return p;
}

const queueLink = (p: Page) =>
	p.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Queue' });
const row = (p: Page, ref: string) =>
	p.getByRole('row').filter({ has: p.getByRole('link', { name: ref, exact: true }) });

test.beforeAll(async ({ browser }) => {
	portal = await startPortal({ SERVER_SECRET: toBase64url(SECRET), POW_MAX: '2000' });
	const db = openDatabase(portal.dbPath);
	try {
		const made = await createDemoAdmin(
			db,
			{ username: 'ada.admin', passphrase: 'lantern quietly orbit walnut meadow' },
			SECRET
		);
		admin = made.admin;
		unitPublicKey = made.unitKey.publicKey;
		reviewer = await createDemoMember(
			db,
			{
				username: 'rita.reviewer',
				passphrase: 'velvet pylon marmalade cactus drift',
				role: 'reviewer',
				team: 'RASSO'
			},
			made.keyring,
			admin.id,
			SECRET
		);
	} finally {
		await db.destroy();
	}
	page = await signIn(browser, reviewer);
});

test.afterAll(async () => {
	for (const c of contexts) {
		await c.close();
	}
	await portal?.close();
});

test('clicking "Queue" on the queue shows reports that arrived since, linked, keys unlocked', async () => {
	await expect(page.getByText('No reports match these filters.')).toBeVisible();
	const first = await sendReport('07700 900555');
	const second = await sendReport('+44 7700 900555');

	await queueLink(page).click();
	await expect(row(page, first)).toBeVisible();
	await expect(row(page, second)).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'arrived since' })).toHaveText(
		'2 new reports have arrived since you opened the queue.'
	);
	// Both were indexed in this tab as they arrived: linked without being opened.
	await expect(row(page, first).getByRole('cell', { name: '1 linked report' })).toBeVisible();
	await expect(row(page, second).getByRole('cell', { name: '1 linked report' })).toBeVisible();
	await expect(page.getByText('Keys unlocked in this tab.')).toBeVisible();
	await expectNoAxeViolations(page, 'queue with new reports');
	await screenshotAtWidths(page, 'queue-refresh', 'queue-new-reports');
});

test('the queue refreshes itself on its timer while visible', async () => {
	const third = await sendReport('07700 900777');
	await expect(row(page, third)).toHaveCount(0);
	await page.clock.runFor(QUEUE_REFRESH_MS);
	await expect(row(page, third)).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'arrived since' })).toHaveText(
		'3 new reports have arrived since you opened the queue.'
	);
	await expect(row(page, third).getByRole('cell', { name: 'None' })).toBeVisible();
	await expect(page.getByText('Keys unlocked in this tab.')).toBeVisible();
});

test('a report page names its linked report, and says when others are not checked yet', async () => {
	await page.getByRole('link', { name: refs[0], exact: true }).click();
	const linked = page.getByRole('region', { name: 'Linked reports' });
	await expect(linked.getByRole('link', { name: refs[1] })).toBeVisible();
	await expect(linked).not.toContainText('not checked yet');

	// A report arrives while this page is open; nothing has indexed it yet.
	await sendReport('07700 900888');
	const triage = page.getByRole('region', { name: 'Triage' });
	await triage.getByLabel('Status').selectOption({ label: 'In review' });
	await triage.getByRole('button', { name: 'Save triage' }).click();
	// "Triage saved." beside its button, in a live region, on screen.
	const saved = page.getByRole('region', { name: 'Triage' }).getByRole('status');
	await expect(saved).toHaveText('Triage saved.');
	await expect(saved).toBeInViewport();
	await expect(page.getByRole('region', { name: 'Triage' }).getByLabel('Status')).toHaveValue(
		'in_review'
	);
	await expect(linked).toContainText('1 other report is not checked yet');
	await expect(linked.getByRole('link', { name: refs[1] })).toBeVisible();

	const notes = page.getByRole('region', { name: 'Notes' });
	await notes.getByLabel('New note').fill('Spoke to outreach.');
	await notes.getByRole('button', { name: 'Save note' }).click();
	await expect(notes.getByRole('status')).toHaveText('Note saved.');
	await expect(notes.getByRole('status')).toBeInViewport();
	await expectNoAxeViolations(page, 'report page after saving');
	await screenshotAtWidths(page, 'queue-refresh', 'report-saved');
});

test('a report not indexed yet says "Not checked yet" in a locked tab, never "None"', async () => {
	// A reload locks the keys, so nothing indexes the report that just arrived.
	await page.goto(portal.url + '/staff');
	await expect(page.getByText('Keys unlocked in this tab.')).toHaveCount(0);
	await expect(row(page, refs[3]).getByRole('cell', { name: 'Not checked yet' })).toBeVisible();
	await expect(row(page, refs[2]).getByRole('cell', { name: 'None' })).toBeVisible();
});

test('the key check is on an admin-only page, not on the queue', async ({ browser }) => {
	await expect(page.getByRole('heading', { name: 'Queue' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Key check' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Unit key' })).toHaveCount(0);
	const refused = await page.request.get(portal.url + '/staff/keys', { maxRedirects: 0 });
	expect(refused.status()).toBe(403);

	const adminPage = await signIn(browser, admin);
	await expect(adminPage.getByRole('heading', { name: 'Key check' })).toHaveCount(0);
	await adminPage.getByRole('link', { name: 'Unit key' }).click();
	await expect(adminPage.getByRole('heading', { name: 'Unit key' })).toBeVisible();
	const sodium = await getSodium();
	const sealed = sodium.crypto_box_seal('checked in this browser', unitPublicKey);
	await adminPage.getByLabel('Sealed value').fill(toBase64url(sealed));
	await adminPage.getByRole('button', { name: 'Open it' }).click();
	await expect(adminPage.getByText('checked in this browser')).toBeVisible();
	await expectNoAxeViolations(adminPage, 'unit key page');
	expect(pageErrors).toEqual([]);
});
