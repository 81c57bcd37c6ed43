import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedSyntheticReports } from '../../src/lib/server/demo/seed';
import { type MadeMember } from '../../src/lib/server/demo/staff';
import {
	expectNoAxeViolations,
	expectNoSidewaysOverflow,
	screenshotAtWidths
} from './support/page-checks';
import { type Portal } from './support/portal';
import { withDb } from './support/staff';
import { signInStaff } from './support/staff-sign-in';
import { startTeamPortal } from './support/team';

/**
 * An analyst's statistics, end to end: signed in, the statistics reached from the navigation,
 * a small count read as <5, the CSV downloaded with the same figures, the board summary printed
 * on one page, every view audited, and a report page still refused.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let portal: Portal;
let analyst: MadeMember;
let refs: string[];
let analystCode: () => Promise<string>;

test.beforeAll(async () => {
	const team = await startTeamPortal({
		env: { RATE_LIMIT_FACTOR: '5' },
		admin: 'stats.admin',
		members: [{ username: 'ana.analyst', role: 'analyst', team: 'Liaison' }],
		// Seven reports this month: too few for most categories, so several read <5.
		seed: async (db) => {
			refs = (await seedSyntheticReports(db, 7)).refs;
		}
	});
	portal = team.portal;
	[analyst] = team.members;
	analystCode = () => team.apps.get(analyst.id)!.next();
});

test.afterAll(async () => {
	await portal?.stop();
});

// Nothing may stick out sideways on a phone.
const screenshots = (page: Page, name: string) =>
	screenshotAtWidths(page, 'stats-screens', name, (width) =>
		expectNoSidewaysOverflow(page, width, `${name} at ${width} px`)
	);

test('an analyst reads the statistics, downloads the CSV and prints the board summary, but no report', async ({
	page
}) => {
	page.on('pageerror', (e) => {
		throw e;
	});
	await signInStaff(page, portal.url, analyst, await analystCode());
	// The home page's "statistics only" leads to them.
	await expect(page.getByRole('link', { name: 'statistics', exact: true })).toHaveAttribute(
		'href',
		'/staff/stats'
	);

	await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Statistics: \w+ \d{4}$/);
	const allReports = page
		.getByRole('table', { name: 'Team' })
		.getByRole('row', { name: /All reports/ });
	await expect(allReports.getByRole('cell')).toHaveText('7');
	// A small count is never shown as itself.
	const smallCells = page.getByRole('cell', { name: '<5', exact: true });
	expect(await smallCells.count()).toBeGreaterThan(0);
	await expect(page.getByText('Counts from 1 to 4 are shown as <5').first()).toBeVisible();
	// In the charts a small count is a short hatched bar, never a bar of its true length.
	const hatched = page.locator('svg rect.bar.suppressed');
	expect(await hatched.count()).toBe(
		await page
			.locator('tbody')
			.getByRole('cell', { name: /^(<5|\[c\])$/ })
			.count()
	);
	await expect(hatched.first()).toHaveCSS('fill', /url\("?#hatch-/);
	await expectNoAxeViolations(page, 'statistics page');
	await screenshots(page, 'stats');

	// The CSV: the same figures as the page's tables, row for row.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download CSV' }).click()
	]);
	const csv = readFileSync((await download.path()) as string, 'utf8');
	for (const name of ['Team', 'Under 18', 'Who made the report', 'Area']) {
		const table = page.getByRole('table', { name });
		const rows = await table.locator('tbody tr, tfoot tr').all();
		expect(rows.length, name).toBeGreaterThan(1);
		for (const row of rows) {
			const label = (await row.getByRole('rowheader').textContent())?.trim();
			const value = (await row.getByRole('cell').textContent())?.trim();
			expect(csv, `${name}: ${label}`).toContain(`${name},${label},${value}\r\n`);
		}
	}
	expect(csv).toContain(',<5\r\n');

	// A period typed by hand that is not one gets a plain refusal, not a crash.
	const bad = await page.request.get(portal.url + '/staff/stats?period=month&month=2026-13');
	expect(bad.status()).toBe(400);

	// The board summary: one printed page.
	await page.getByRole('link', { name: 'Board summary (print)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('SafeReport: reports to');
	await expect(page.getByText(/Produced \d+ \w+ \d{4}, \d\d:\d\d:\d\d (GMT|BST)/)).toBeVisible();
	await expectNoAxeViolations(page, 'board summary');
	await screenshots(page, 'board');
	const pdf = await page.pdf({
		format: 'A4',
		path: join('test-results', 'stats-screens', 'board.pdf')
	});
	expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);

	// Still no report for an analyst.
	const report = await page.goto(`${portal.url}/staff/reports/${refs[0]}`);
	expect(report?.status()).toBe(403);

	const audit = withDb(portal.dbPath, (db) =>
		db
			.prepare(
				"select action, detail_json from audit_events where action like 'stats.%' order by seq"
			)
			.all()
	) as { action: string; detail_json: string }[];
	expect(audit.map((a) => a.action)).toEqual(['stats.view', 'stats.export', 'stats.board']);
	for (const a of audit) {
		expect(Object.keys(JSON.parse(a.detail_json))).toEqual(['period']);
	}
});
