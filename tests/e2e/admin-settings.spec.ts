import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { type MadeMember } from '../../src/lib/server/demo/staff';
import { sampleEnvelope, submitReport } from '../support/api-client';
import {
	expectNoAxeViolations,
	expectNoSidewaysOverflow,
	screenshotAtWidths
} from './support/page-checks';
import { type Portal } from './support/portal';
import { addKeyHolder, Authenticator, lastAudit, withDb } from './support/staff';
import { newStaffPage, signInStaff } from './support/staff-sign-in';
import { startTeamPortal } from './support/team';

/**
 * The admin settings (portal names, areas, support contacts) and staff administration (a member's
 * role, team, sign-ins; invites), on one fresh portal whose staff are made server-side with the
 * browser's own key functions. Each change is checked where people see it and in the audit log.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let portal: Portal;
let admin: MadeMember;
let rita: MadeMember;
let unit: { id: string; publicKey: Uint8Array };
const refs: Record<string, string> = {};
let apps: Map<string, Authenticator>;
const contexts: BrowserContext[] = [];
let adminPage: Page;

async function signIn(browser: Browser, who: MadeMember): Promise<Page> {
	const page = await newStaffPage(browser, contexts);
	await signInStaff(page, portal.url, who, await apps.get(who.id)!.next());
	return page;
}

const screenshots = (page: Page, name: string) =>
	screenshotAtWidths(page, 'settings-screens', name, (width) =>
		expectNoSidewaysOverflow(page, width, `${name} at ${width} px`)
	);

/** What an admin-page visit must always be: accessible, and laid out at both widths. */
async function checkPage(page: Page, name: string) {
	await expectNoAxeViolations(page, name);
	await screenshots(page, name);
}

const auditAfter = (seq: number) =>
	withDb(
		portal.dbPath,
		(db) =>
			db
				.prepare('select action, subject, detail_json from audit_events where seq > ? order by seq')
				.all(seq) as { action: string; subject: string | null; detail_json: string }[]
	).map((r) => ({ ...r, detail: JSON.parse(r.detail_json) as Record<string, unknown> }));
const lastSeq = () =>
	withDb(
		portal.dbPath,
		(db) => (db.prepare('select max(seq) as n from audit_events').get() as { n: number }).n
	);

test.beforeAll(async () => {
	const team = await startTeamPortal({
		env: { RATE_LIMIT_FACTOR: '5' },
		admin: 'set.admin',
		members: [{ username: 'rita.reviewer', role: 'reviewer', team: 'RASSO' }]
	});
	({ portal, admin, apps, unitKey: unit } = team);
	[rita] = team.members;
	// Two reports made before any setting changes, in the areas about to be renamed and retired.
	for (const area of ['stroud', 'tewkesbury']) {
		const { res } = await submitReport(portal.url, unit, {
			envelope: { ...sampleEnvelope(), area }
		});
		expect(res.status).toBe(201);
		refs[area] = ((await res.json()) as { ref: string }).ref;
	}
});

test.afterAll(async () => {
	for (const context of contexts) {
		await context.close();
	}
	await portal?.close();
});

test('the settings index links every setting, from one Settings link', async ({ browser }) => {
	adminPage = await signIn(browser, admin);
	const page = adminPage;
	const nav = page.getByRole('navigation', { name: 'Staff' });
	await expect(nav.getByRole('link', { name: 'Bulletin settings' })).toHaveCount(0);
	await nav.getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
	const hrefs = await page
		.getByRole('main')
		.getByRole('listitem')
		.getByRole('link')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
	expect(hrefs).toEqual(
		['portal', 'areas', 'contacts', 'bulletin', 'alerts', 'retention'].map(
			(p) => `/staff/settings/${p}`
		)
	);
	await checkPage(page, 'settings-index');
});

test('the portal and unit names show in page titles and on the home page, even without JavaScript', async ({
	browser,
	request
}) => {
	const page = adminPage;
	const seq = lastSeq();
	await page.getByRole('link', { name: 'Portal and unit names' }).click();
	await page.getByLabel('Portal name').fill('Safer Nights');
	await page.getByLabel('Unit name').fill('the Night Safety Unit');
	await page.getByRole('button', { name: 'Save names' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await expect(page).toHaveTitle('Portal and unit names – Safer Nights staff');
	await expect(page.getByRole('link', { name: 'Safer Nights staff' })).toBeVisible();
	await checkPage(page, 'settings-portal');

	// The server-rendered page carries the new title: no script needed.
	const html = await (await request.get(portal.url + '/')).text();
	expect(html).toContain('<title>Safer Nights — report a crime safely</title>');
	const reporter = await browser.newContext({ javaScriptEnabled: false });
	contexts.push(reporter);
	const home = await reporter.newPage();
	await home.goto(portal.url + '/report');
	await expect(home).toHaveTitle('Make a report — Safer Nights');
	await home.goto(portal.url + '/');
	await expect(home.getByText('you can tell the Night Safety Unit here')).toBeVisible();

	expect(auditAfter(seq)).toEqual([
		expect.objectContaining({
			action: 'settings.change',
			subject: 'portal_name',
			detail: { setting: 'portal_name', old: 'SafeReport', new: 'Safer Nights' }
		}),
		expect.objectContaining({
			action: 'settings.change',
			subject: 'unit_name',
			detail: {
				setting: 'unit_name',
				old: "the police's specialist team",
				new: 'the Night Safety Unit'
			}
		})
	]);
});

test('a renamed area shows its new name everywhere; a retired one leaves the form but not old reports', async ({
	browser
}) => {
	const page = adminPage;
	const seq = lastSeq();
	await page.goto(portal.url + '/staff/settings/areas', { waitUntil: 'networkidle' });
	await page.getByLabel('New name for Stroud').fill('Stroud and Nailsworth');
	await page
		.getByRole('listitem')
		.filter({ hasText: 'code stroud' })
		.getByRole('button', { name: 'Rename' })
		.click();
	await expect(page.getByRole('status')).toContainText('Renamed to “Stroud and Nailsworth”');
	await page.getByRole('button', { name: 'Retire Tewkesbury' }).click();
	await expect(page.getByRole('status')).toContainText('Retired “Tewkesbury”');
	await expect(
		page.getByRole('listitem').filter({ hasText: 'code tewkesbury' }).getByText('retired')
	).toBeVisible();
	await checkPage(page, 'settings-areas');
	expect(auditAfter(seq).map((a) => a.detail)).toEqual([
		{
			setting: 'areas',
			change: 'rename',
			code: 'stroud',
			old: 'Stroud',
			new: 'Stroud and Nailsworth'
		},
		{
			setting: 'areas',
			change: 'retire',
			code: 'tewkesbury',
			label: 'Tewkesbury',
			old: 'in use',
			new: 'retired'
		}
	]);

	// The report form offers the new name and no longer offers the retired area.
	const reporter = await browser.newContext();
	contexts.push(reporter);
	const form = await reporter.newPage();
	await form.goto(portal.url + '/report');
	const areaOptions = await form
		.getByLabel('Where did it happen?')
		.locator('option')
		.allTextContents();
	expect(areaOptions).toContain('Stroud and Nailsworth');
	expect(areaOptions).not.toContain('Stroud');
	expect(areaOptions).not.toContain('Tewkesbury');

	// A client naming the retired area is refused, in the API's error shape, and nothing is stored.
	const { res } = await submitReport(portal.url, unit, {
		envelope: { ...sampleEnvelope(), area: 'tewkesbury' }
	});
	expect(res.status).toBe(400);
	expect(await res.json()).toEqual({
		error: {
			code: 'retired_area',
			field: 'area',
			message: expect.stringContaining('no longer used')
		}
	});

	// The old reports keep their areas in the staff views, under the current names.
	await page.goto(portal.url + '/staff', { waitUntil: 'networkidle' });
	const row = (ref: string) => page.getByRole('row').filter({ hasText: ref });
	await expect(row(refs.stroud)).toContainText('Stroud and Nailsworth');
	await expect(row(refs.tewkesbury)).toContainText('Tewkesbury (retired)');

	// And in the opened case, whose envelope (sealed with the old code) still verifies.
	await page.getByLabel('Passphrase').fill(admin.passphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByText('Keys unlocked in this tab.')).toBeVisible();
	for (const [ref, label] of [
		[refs.stroud, 'Stroud and Nailsworth'],
		[refs.tewkesbury, 'Tewkesbury (retired)']
	]) {
		await page.getByRole('link', { name: ref }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Envelope verified' })).toBeVisible();
		await expect(page.getByRole('definition').filter({ hasText: label })).toBeVisible();
		await page.getByRole('navigation').getByRole('link', { name: 'Queue' }).click();
	}
});

test('a new support contact appears on the home page at once; bad ones are refused', async ({
	browser
}) => {
	const page = adminPage;
	const seq = lastSeq();
	await page.goto(portal.url + '/staff/settings/contacts', { waitUntil: 'networkidle' });
	const add = page.getByRole('form', { name: 'Add a support contact' });
	await add.getByLabel('Name of the service').fill('Night Bus Outreach');
	await add
		.getByLabel('What they help with')
		.fill('Hot drinks, condoms and someone to talk to, Friday and Saturday nights.');
	await add.getByLabel('Phone (optional)').fill('01452 500600');
	await add.getByLabel('Website (optional)').fill('http://nightbus.example.org');
	await add.getByRole('button', { name: 'Add contact' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter a web address starting with https://');
	expect(lastSeq()).toBe(seq);
	// What was typed stays, so only the web address needs correcting.
	await expect(add.getByLabel('Name of the service')).toHaveValue('Night Bus Outreach');
	await expect(add.getByLabel('Phone (optional)')).toHaveValue('01452 500600');

	await add.getByLabel('Website (optional)').fill('https://nightbus.example.org');
	await add.getByRole('button', { name: 'Add contact' }).click();
	await expect(page.getByRole('status')).toContainText('Added Night Bus Outreach');
	await checkPage(page, 'settings-contacts');
	expect(auditAfter(seq)).toEqual([
		expect.objectContaining({
			action: 'settings.change',
			subject: 'support_contacts',
			detail: {
				setting: 'support_contacts',
				change: 'add',
				old: null,
				new: {
					name: 'Night Bus Outreach',
					description: 'Hot drinks, condoms and someone to talk to, Friday and Saturday nights.',
					phone: '01452 500600',
					url: 'https://nightbus.example.org'
				}
			}
		})
	]);

	const reporter = await browser.newContext();
	contexts.push(reporter);
	const home = await reporter.newPage();
	await home.goto(portal.url + '/');
	const support = home.getByRole('region', { name: /Support/ });
	const contact = support.getByRole('listitem').filter({ hasText: 'Night Bus Outreach' });
	await expect(contact.getByRole('link', { name: '01452 500600' })).toHaveAttribute(
		'href',
		'tel:01452 500600'
	);
	await expect(contact.getByRole('link', { name: 'https://nightbus.example.org' })).toBeVisible();
	await checkPage(home, 'home-with-new-contact');
});

test('staff administration: team, role, sign-out everywhere, re-enable and invite revoke', async ({
	browser
}) => {
	const ritaPage = await signIn(browser, rita);
	const page = adminPage;
	await page.goto(portal.url + '/staff/team', { waitUntil: 'networkidle' });
	await page.getByRole('link', { name: 'rita.reviewer' }).click();
	await expect(page.getByRole('heading', { name: 'rita.reviewer', level: 1 })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Active sign-ins of rita.reviewer' })).toBeVisible();
	await checkPage(page, 'team-member');

	// Rita holds the keyring: she cannot become an analyst until it is taken away.
	let seq = lastSeq();
	await page.getByLabel('Role for rita.reviewer').selectOption('analyst');
	await page.getByRole('button', { name: 'Change role' }).click();
	await expect(page.getByRole('alert')).toContainText('Remove their key access first');
	expect(lastSeq()).toBe(seq);

	await page.getByLabel('Team for rita.reviewer').selectOption('CSE');
	await page.getByRole('button', { name: 'Change team' }).click();
	await expect(page.getByRole('status')).toContainText('has moved team');
	expect(lastAudit(portal.dbPath)).toMatchObject({ action: 'staff.team', subject: rita.id });

	// Signing her out ends the session in her browser: her next request goes to the login page.
	await page.getByRole('button', { name: 'Sign rita.reviewer out everywhere' }).click();
	await expect(page.getByRole('status')).toContainText('1 sign-in ended');
	await expect(page.getByText('rita.reviewer is not signed in anywhere.')).toBeVisible();
	expect(lastAudit(portal.dbPath)).toMatchObject({ action: 'staff.sign_out', subject: rita.id });
	await ritaPage.reload();
	await expect(ritaPage).toHaveURL(portal.url + '/staff/login');

	// Disabled and enabled again, she no longer holds the keyring, so now she may be an analyst.
	addKeyHolder(portal.dbPath);
	await page.goto(portal.url + '/staff/team', { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: 'Disable rita.reviewer' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: 'rita.reviewer' })).toContainText(
		'disabled'
	);
	await page.getByRole('link', { name: 'rita.reviewer' }).click();
	seq = lastSeq();
	await page.getByRole('button', { name: 'Enable rita.reviewer' }).click();
	await expect(page.getByRole('status')).toContainText('can sign in again');
	await expect(page.getByRole('status')).toContainText('grants them the unit keyring again');
	await page.getByLabel('Role for rita.reviewer').selectOption('analyst');
	await page.getByRole('button', { name: 'Change role' }).click();
	await expect(page.getByRole('status')).toContainText('has a new role');
	expect(auditAfter(seq).map((a) => [a.action, a.detail.old, a.detail.new])).toEqual([
		['staff.enable', undefined, undefined],
		['staff.role', 'reviewer', 'analyst']
	]);

	// The only admin cannot demote themselves.
	await page.goto(portal.url + '/staff/team', { waitUntil: 'networkidle' });
	await page.getByRole('link', { name: 'set.admin' }).click();
	await page.getByLabel('Role for set.admin').selectOption('reviewer');
	await page.getByRole('button', { name: 'Change role' }).click();
	await expect(page.getByRole('alert')).toContainText('You are the only admin');

	// An invite, revoked before use: the link then fails.
	await page.goto(portal.url + '/staff/team', { waitUntil: 'networkidle' });
	await page.getByLabel('Role').selectOption('reviewer');
	await page.getByRole('button', { name: 'Create invite link' }).click();
	const link = await page.getByLabel(/Invite link for a reviewer/).inputValue();
	await checkPage(page, 'team-with-open-invite');
	await page
		.getByRole('listitem')
		.filter({ hasText: 'reviewer, RASSO: expires' })
		.getByRole('button', { name: 'Revoke' })
		.click();
	await expect(page.getByRole('heading', { name: 'Open invites' })).toHaveCount(0);
	expect(lastAudit(portal.dbPath)).toMatchObject({ action: 'staff.invite_revoke' });
	const stranger = await browser.newContext();
	contexts.push(stranger);
	const join = await stranger.newPage();
	await join.goto(link);
	await expect(join.getByText('This invite link cannot be used')).toBeVisible();
});
