import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { formatReportCode, generateReportCode } from '../../src/lib/crypto/report-code';
import { getSodium } from '../../src/lib/crypto/sodium';
import { type MadeMember } from '../../src/lib/server/demo/staff';
import {
	expectNoAxeViolations,
	expectNoSidewaysOverflow,
	screenshotAtWidths
} from './support/page-checks';
import { type Portal } from './support/portal';
import { Authenticator, count, lastAudit, withDb } from './support/staff';
import { reportBody, submit } from './workbench-fixtures';
import { signInStaff } from './support/staff-sign-in';
import { startTeamPortal } from './support/team';

/** Issue 12 item 5: the admin's retention settings, and what the reporter is then told. */

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let portal: Portal;
let admin: MadeMember;
let reviewer: MadeMember;
let apps: Map<string, Authenticator>;
const contexts: BrowserContext[] = [];

async function newPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
	contexts.push(context);
	const page = await context.newPage();
	page.on('pageerror', (e) => {
		throw e;
	});
	return page;
}

async function signIn(browser: Browser, who: MadeMember): Promise<Page> {
	const page = await newPage(browser);
	await signInStaff(page, portal.url, who, await apps.get(who.id)!.next());
	return page;
}

test.beforeAll(async () => {
	const team = await startTeamPortal({
		admin: 'rhea.admin',
		members: [{ username: 'remy.reviewer', role: 'reviewer', team: 'Liaison' }]
	});
	({ portal, admin, apps } = team);
	[reviewer] = team.members;
});

test.afterAll(async () => {
	for (const context of contexts) {
		await context.close();
	}
	await portal?.close();
});

test('an admin changes the retention periods; a bad value is refused; the change is audited and the reporter is told', async ({
	browser
}) => {
	const page = await signIn(browser, admin);
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('link', { name: 'Retention' }).click();
	await expect(page.getByRole('heading', { name: 'How long things are kept' })).toBeVisible();
	await expect(page.getByLabel('Closed reports (months)')).toHaveValue('24');
	await expect(page.getByLabel('Withdrawn reports (days)')).toHaveValue('30');
	await expect(page.getByLabel('Retracted and expired warnings (days)')).toHaveValue('30');
	await expect(page.getByLabel('Ended staff sessions (days)')).toHaveValue('0');
	await expect(page.getByLabel('Invites never used (days)')).toHaveValue('0');
	await expect(page.getByText('Default: 24 months.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Due at the next daily deletion' })).toContainText(
		'0 closed reports'
	);
	await screenshotAtWidths(page, 'retention-screens', 'settings', async (width) => {
		await expectNoSidewaysOverflow(page, width, `retention settings at ${width} px`);
		await expectNoAxeViolations(page, `retention settings at ${width} px`);
	});

	// Out of range: refused with the field named, nothing stored or audited.
	const events = count(portal.dbPath, 'audit_events');
	await page.getByLabel('Closed reports (months)').fill('0');
	await page.getByRole('button', { name: 'Save retention periods' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Enter a whole number of months from 1 to 120.'
	);
	await expect(page.getByLabel('Closed reports (months)')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page, 'retention settings with an error');
	expect(count(portal.dbPath, 'audit_events')).toBe(events);

	await page.getByLabel('Closed reports (months)').fill('36');
	await page.getByLabel('Withdrawn reports (days)').fill('7');
	await page.getByRole('button', { name: 'Save retention periods' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await expect(page.getByLabel('Withdrawn reports (days)')).toHaveValue('7');
	const line = lastAudit(portal.dbPath);
	expect(line).toMatchObject({ action: 'settings.change', subject: 'retention' });
	expect(JSON.parse(line.detail_json)).toEqual({
		setting: 'retention',
		old: { closedMonths: 24, withdrawnDays: 30 },
		new: { closedMonths: 36, withdrawnDays: 7 }
	});

	// The reporter, without JavaScript, is told the periods now in force.
	const reporter = await newPage(browser, { javaScriptEnabled: false });
	await reporter.goto(portal.url + '/status');
	await reporter
		.getByLabel('Your report code')
		.fill(formatReportCode(generateReportCode(await getSodium())));
	await reporter.getByRole('button', { name: 'Check my report' }).click();
	await expect(reporter.getByRole('alert')).toContainText(
		'closed reports are deleted 36 months after they are closed, and withdrawn reports 7 days after they are withdrawn.'
	);
	await reporter.goto(portal.url + '/privacy');
	await expect(
		reporter.getByText('Closed reports are deleted 36 months after they are closed')
	).toBeVisible();
});

test('a reviewer can neither see nor change the retention periods', async ({ browser }) => {
	const page = await signIn(browser, reviewer);
	await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(0);
	expect((await page.request.get(portal.url + '/staff/settings/retention')).status()).toBe(403);
	const events = count(portal.dbPath, 'audit_events');
	const forged = await page.request.post(`${portal.url}/staff/settings/retention?/save`, {
		headers: { origin: portal.url, accept: 'text/html' },
		form: {
			closedMonths: '1',
			withdrawnDays: '1',
			warningDays: '0',
			sessionDays: '0',
			inviteDays: '0'
		}
	});
	expect(forged.status()).toBe(403);
	expect(count(portal.dbPath, 'audit_events')).toBe(events);
});

test('a reporter who withdraws is told the day the report will be deleted, with and without JavaScript', async ({
	browser
}) => {
	const sent = await submit(portal.url, {
		label: 'withdraw',
		envelope: {
			v: 1,
			types: ['non_payment'],
			area: 'gloucester',
			month: '2026-11',
			under18: 'no',
			reporter: 'self',
			warn: false,
			police: 'none',
			lang: 'en'
		},
		body: reportBody({
			narrative: 'He drove off without paying.',
			location: 'Bristol Road',
			name: '',
			phone: '',
			email: '',
			registration: '',
			files: []
		}),
		files: []
	});
	const day = (iso: string) =>
		new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

	const noScript = await newPage(browser, { javaScriptEnabled: false });
	await noScript.goto(portal.url + '/status');
	await noScript.getByLabel('Your report code').fill(sent.code);
	await noScript.getByRole('button', { name: 'Check my report' }).click();
	await expect(noScript.getByRole('heading', { name: 'Status: Received' })).toBeVisible();
	await expect(noScript.getByText('This report will be deleted after')).toHaveCount(0);
	await noScript.getByRole('checkbox', { name: 'I want to withdraw my report' }).check();
	await noScript.getByRole('button', { name: 'Withdraw my report' }).click();
	await expect(noScript.getByRole('heading', { name: 'Status: Withdrawn' })).toBeVisible();
	const withdrawnAt = withDb(
		portal.dbPath,
		(db) =>
			(
				db.prepare('select withdrawn_at from reports where ref = ?').get(sent.ref) as {
					withdrawn_at: string;
				}
			).withdrawn_at
	);
	// The admin set withdrawn reports to 7 days in the first test.
	const expected = `This report will be deleted after ${day(new Date(Date.parse(withdrawnAt) + 7 * 86_400_000).toISOString())}.`;
	await expect(noScript.getByText(expected)).toBeVisible();

	const withScript = await newPage(browser);
	await withScript.goto(portal.url + '/status', { waitUntil: 'networkidle' });
	await withScript.getByLabel('Your report code').fill(sent.code);
	await withScript.getByRole('button', { name: 'Check my report' }).click();
	await expect(withScript.getByRole('heading', { name: 'Status: Withdrawn' })).toBeVisible();
	await expect(withScript.getByText(expected)).toBeVisible();
	await screenshotAtWidths(withScript, 'retention-screens', 'status-withdrawn', async (width) => {
		await expectNoSidewaysOverflow(withScript, width, `status at ${width} px`);
	});
});
