import { expect, test, type BrowserContext } from '@playwright/test';
import { withDb } from './support/staff';
import { newStaffPage, signInStaff } from './support/staff-sign-in';
import { startTeamPortal, type TeamPortal } from './support/team';

/** A report made entirely in Romanian reaches staff, whose pages stay English, marked
 * "Romanian (ro)" in the queue, the case and beside the reporter's message. */
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
	// Every word the reporter reads and clicks here is Romanian.
	const next = () => page.getByRole('button', { name: 'Continuă' }).click();
	await expect(page.getByText('Pasul 1 din 7')).toBeVisible();
	await next();
	await page.getByRole('checkbox', { name: /Agresiune fizică/ }).check();
	await page.getByRole('checkbox', { name: /Jaf sau furt/ }).check();
	await page.getByLabel('Unde s-a întâmplat?').selectOption('gloucester');
	await page.getByLabel('Spune-ne ce s-a întâmplat').fill('Mi-a luat telefonul și m-a împins.');
	await next();
	await next();
	await next();
	await page.getByRole('radio', { name: /Da, avertizează-i pe ceilalți/ }).check();
	await page.getByRole('radio', { name: /Poliția o poate folosi ca informație anonimă/ }).check();
	await next();
	await next();
	await expect(page.getByRole('heading', { name: /Verifică și trimite/ })).toBeVisible();
	await page.getByRole('button', { name: 'Trimite sesizarea' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Sesizarea ta a fost trimisă' })
	).toBeVisible();
	const code = (await page.locator('#report-code').textContent())!.replace(/\s/g, '');

	// A reply from the Romanian status page.
	await page.goto(team.portal.url + '/ro/status', { waitUntil: 'networkidle' });
	await page.getByLabel('Codul sesizării tale').fill(code);
	await page.getByRole('button', { name: 'Verifică sesizarea mea' }).click();
	await expect(page.getByRole('heading', { name: 'Stare: Primită' })).toBeVisible();
	await page.getByLabel('Mesajul tău').fill('Sunt în siguranță acum.');
	await page.getByRole('button', { name: 'Trimite mesajul' }).click();
	await expect(page.getByText('Mesajul tău a fost trimis.')).toBeVisible();
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
	await expect(staff.getByText('Romanian (ro)').first()).toBeVisible();
	await expect(staff.getByText('From the reporter, in Romanian (ro)')).toBeVisible();
	await expect(staff.getByText('Sunt în siguranță acum.')).toBeVisible();
});
