import { expect, test, type BrowserContext } from '@playwright/test';
import { fillReport } from '../support/report-form';
import { withDb } from './support/staff';
import { newStaffPage, signInStaff } from './support/staff-sign-in';
import { startTeamPortal, type TeamPortal } from './support/team';

/** A report made in Romanian reaches staff, whose pages stay English, marked "Romanian (ro)". */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let team: TeamPortal;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
	team = await startTeamPortal({
		env: { POW_MAX: '2000' },
		admin: 'lang.admin',
		members: [{ username: 'lang.reviewer', role: 'reviewer', team: 'Liaison' }]
	});
});

test.afterAll(async () => {
	for (const context of contexts) {
		await context.close();
	}
	await team?.portal.close();
});

test('a report made at /ro/report is marked Romanian (ro) in the queue and the case', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'ro-RO' });
	contexts.push(context);
	const page = await context.newPage();
	await page.goto(team.portal.url + '/ro/report', { waitUntil: 'networkidle' });
	await expect(page.locator('html')).toHaveAttribute('lang', 'ro');
	await fillReport(page, { js: true, full: false });
	await page.getByRole('button', { name: 'Send my report' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect
		.poll(() =>
			withDb(team.portal.dbPath, (db) => db.prepare('select count(*) as n from reports').get())
		)
		.toEqual({ n: 1 });
	const stored = withDb(team.portal.dbPath, (db) =>
		db.prepare('select ref, envelope_json from reports').get()
	) as { ref: string; envelope_json: string };
	expect(JSON.parse(stored.envelope_json).lang).toBe('ro');

	const [reviewer] = team.members;
	const staff = await newStaffPage(browser, contexts);
	await signInStaff(staff, team.portal.url, reviewer, await team.apps.get(reviewer.id)!.next());
	const row = staff.getByRole('row').filter({ hasText: stored.ref });
	await expect(row.getByRole('cell', { name: 'Romanian (ro)' })).toBeVisible();
	await row.getByRole('link', { name: stored.ref }).click();
	await expect(staff.getByText("Reporter's language")).toBeVisible();
	await expect(staff.getByText('Romanian (ro)')).toBeVisible();
});
