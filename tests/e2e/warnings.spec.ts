import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as v from 'valibot';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { WarningContentSchema } from '../../src/lib/report/warning';
import { openDatabase } from '../../src/lib/server/db/connect';
import { type MadeMember } from '../../src/lib/server/demo/staff';
import {
	expectNoAxeViolations,
	expectNoSidewaysOverflow,
	screenshotAtWidths
} from './support/page-checks';
import { type Portal } from './support/portal';
import { createWarning, publishWarning } from '../../src/lib/server/warnings/compose';
import { Authenticator, count, withDb } from './support/staff';
import { reportBody, submit, type TestReport } from './workbench-fixtures';
import { signInStaff } from './support/staff-sign-in';
import { startTeamPortal } from './support/team';

/**
 * Ugly-mug warnings end to end (DESIGN §5.9): composed in the reviewer's browser from a decrypted
 * report, published only with the reporter's consent or a signed deviation record, read on the
 * bulletin behind its passphrase, found by "check a number", served to partners as Atom, and
 * gone everywhere once retracted.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const BULLETIN_PASSPHRASE = 'lantern harbour pebble';
const ROTATED_PASSPHRASE = 'copper kettle meadow';
const TITLE = 'Violent man in a silver Ford, Gloucester';
const REDACTED_BODY =
	'Met a worker through an advert, became violent and took back the money. Tall, grey beard.';

let portal: Portal;
let admin: MadeMember;
let reviewer: MadeMember;
let analyst: MadeMember;
let consented: { ref: string; code: string };
let refused: { ref: string; code: string };
let feedKey = '';
let warningId = '';
let apps: Map<string, Authenticator>;
const contexts: BrowserContext[] = [];
let reviewerPage: Page;
let adminPage: Page;

async function newPage(browser: Browser, width = 1280): Promise<Page> {
	const context = await browser.newContext({ viewport: { width, height: 900 } });
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

async function unlock(page: Page, who: MadeMember) {
	await page.getByLabel('Passphrase').fill(who.passphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByText('Keys unlocked in this tab.')).toBeVisible();
}

const screenshots = (page: Page, name: string) =>
	screenshotAtWidths(page, 'warnings-screens', name, async (width) => {
		await expectNoSidewaysOverflow(page, width, `${name} at ${width} px`);
		await expectNoAxeViolations(page, `${name} at ${width} px`);
	});

/** A reader's page after giving the passphrase, without "keep me signed in". */
async function openBulletin(browser: Browser, passphrase = BULLETIN_PASSPHRASE, width = 375) {
	const page = await newPage(browser, width);
	await page.goto(portal.url + '/warnings');
	await page.getByLabel('Bulletin passphrase').fill(passphrase);
	await page.getByRole('button', { name: 'Show the warnings' }).click();
	return page;
}

async function checkNumber(page: Page, typed: string) {
	await page.getByLabel('Phone number, e-mail, online name or number plate').fill(typed);
	await page.getByRole('button', { name: 'Check', exact: true }).click();
	return page.getByRole('status').filter({ hasText: 'No match does not mean' });
}

const feed = (key: string, path = '/api/v1/warnings/feed.atom') =>
	fetch(portal.url + path, { headers: { authorization: `Bearer ${key}` } });

test.beforeAll(async () => {
	const team = await startTeamPortal({
		env: { RATE_LIMIT_FACTOR: '10' },
		admin: 'wanda.admin',
		members: [
			{ username: 'rory.reviewer', role: 'reviewer', team: 'Liaison' },
			{ username: 'ada.analyst', role: 'analyst', team: 'Liaison' }
		]
	});
	({ portal, admin, apps } = team);
	[reviewer, analyst] = team.members;
	const body = reportBody({
		narrative:
			'On Friday at 23:15 behind the Kwik Save on Barton Street he hit me and took back the money.',
		location: '14 Barton Street',
		name: 'Dave',
		phone: '07700 900123',
		email: 'Bad.Guy@Example.com',
		registration: 'ab12 cde',
		files: []
	});
	// The fixture's body has no handles; this report names one, to be removed in the editor.
	const withHandle = {
		...body,
		offender: { ...body.offender, handles: ['@NightDriver99'] }
	} as unknown as TestReport['body'];
	const envelope = (warn: boolean) => ({
		v: 1,
		types: ['physical_assault', 'non_payment'],
		area: 'gloucester',
		month: '2026-11',
		under18: 'no',
		reporter: 'self',
		warn,
		police: 'none',
		lang: 'en'
	});
	consented = await submit(portal.url, {
		label: 'yes',
		envelope: envelope(true),
		body: withHandle,
		files: []
	});
	refused = await submit(portal.url, {
		label: 'no',
		envelope: envelope(false),
		body: withHandle,
		files: []
	});
});

test.afterAll(async () => {
	for (const context of contexts) {
		await context.close();
	}
	await portal?.stop();
});

test('an admin sets the bulletin passphrase and makes a partner feed key', async ({ browser }) => {
	adminPage = await signIn(browser, admin);
	const page = adminPage;
	await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('link', { name: 'Bulletin and partner feeds' }).click();
	// Too short: refused, nothing stored.
	await page.getByLabel('Passphrase', { exact: true }).fill('short');
	await page.getByLabel('Type it again').fill('short');
	await page.getByRole('button', { name: 'Set passphrase' }).click();
	await expect(page.getByRole('alert')).toContainText('at least 12 characters');
	expect(count(portal.dbPath, 'settings', "key = 'bulletin_passphrase_hash'")).toBe(0);

	await page.getByLabel('Passphrase', { exact: true }).fill(BULLETIN_PASSPHRASE);
	await page.getByLabel('Type it again').fill(BULLETIN_PASSPHRASE);
	await page.getByRole('button', { name: 'Set passphrase' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Passphrase saved' })).toBeVisible();
	const stored = withDb(
		portal.dbPath,
		(db) =>
			(
				db.prepare("select value from settings where key = 'bulletin_passphrase_hash'").get() as {
					value: string;
				}
			).value
	);
	expect(stored).toMatch(/^\$argon2id\$/);
	expect(stored).not.toContain(BULLETIN_PASSPHRASE);

	await page.getByLabel('Partner organisation').fill('Riverside Outreach');
	await page.getByRole('button', { name: 'Make a feed key' }).click();
	const shown = page.getByRole('status').filter({ hasText: 'Feed key for Riverside Outreach' });
	await expect(shown).toBeVisible();
	feedKey = (await shown.locator('.key').textContent())!.trim();
	expect(feedKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
	// Only its hash is stored.
	expect(count(portal.dbPath, 'feed_keys')).toBe(1);
	const raw = withDb(portal.dbPath, (db) => db.prepare('select * from feed_keys').get());
	expect(JSON.stringify(raw)).not.toContain(feedKey);
	await expectNoAxeViolations(page, '/staff/settings/bulletin');
});

test('a reviewer composes a warning from the decrypted report, removes one identifier and publishes', async ({
	browser
}) => {
	reviewerPage = await signIn(browser, reviewer);
	const page = reviewerPage;
	await page.goto(`${portal.url}/staff/reports/${consented.ref}`, { waitUntil: 'networkidle' });
	await unlock(page, reviewer);
	await page.getByRole('link', { name: 'Create warning' }).click();
	await expect(
		page.getByRole('heading', { name: `New warning from report ${consented.ref}` })
	).toBeVisible();

	// Pre-filled in the browser from the decrypted report.
	await expect(page.getByLabel('What happened, in short')).toHaveValue(/Barton Street/);
	await expect(page.getByLabel('Description of the person')).toHaveValue(/grey beard/);
	await expect(page.getByLabel('Area')).toHaveValue('gloucester');
	await expect(page.getByLabel('Month')).toHaveValue('2026-11');
	await expect(page.getByRole('checkbox', { name: 'Physical assault' })).toBeChecked();
	const handle = page.getByRole('checkbox', { name: /Publish online name @NightDriver99/ });
	await expect(handle).toBeChecked();
	await expect(page.getByRole('checkbox', { name: /Publish phone 07700 900123/ })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: /Publish vehicle ab12 cde/ })).toBeChecked();
	const preview = page.getByRole('region', { name: 'Preview: exactly what readers will see' });
	await expect(preview).toContainText('@nightdriver99');

	// Redact: remove the exact place and one identifier.
	await page.getByLabel('Headline').fill(TITLE);
	await page.getByLabel('What happened, in short').fill(REDACTED_BODY);
	await handle.uncheck();
	await expect(preview).not.toContainText('nightdriver99');
	await expect(preview).toContainText('AB12 CDE');
	await expect(page.getByText('remove anything that could identify the reporter')).toBeVisible();
	await screenshots(page, 'editor');

	// Over a limit: refused in the browser with a clear message, nothing stored.
	await page.getByLabel('Month').fill('November');
	await page.getByRole('button', { name: 'Publish warning' }).click();
	await expect(page.getByRole('alert')).toContainText('The month must look like 2026-11.');
	expect(count(portal.dbPath, 'warnings')).toBe(0);
	await page.getByLabel('Month').fill('2026-11');

	await page.getByRole('button', { name: 'Publish warning' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
	warningId = page.url().split('/staff/warnings/')[1].split('?')[0];
	const row = withDb(
		portal.dbPath,
		(db) =>
			db.prepare('select status, identifiers_json from warnings where id = ?').get(warningId) as {
				status: string;
				identifiers_json: string;
			}
	);
	expect(row.status).toBe('published');
	expect(JSON.parse(row.identifiers_json)).toEqual([
		{ kind: 'phone', value: '+447700900123', label: '' },
		{ kind: 'email', value: 'bad.guy@example.com', label: '' },
		{ kind: 'vehicle', value: 'AB12CDE', label: 'Silver Ford Focus' }
	]);

	// The queue shows the report has a warning.
	await page.getByRole('link', { name: 'Queue' }).click();
	await expect(
		page.getByRole('row').filter({ hasText: consented.ref }).getByText('Warning published')
	).toBeVisible();
});

test('bad editor input through the API gets a clear 4xx and changes nothing', async () => {
	const api = reviewerPage.request;
	const before = {
		w: count(portal.dbPath, 'warnings'),
		a: count(portal.dbPath, 'audit_events')
	};
	const tooLong = await api.post(portal.url + '/api/v1/staff/warnings', {
		data: {
			report_ref: null,
			content: {
				area: 'gloucester',
				month: '2026-11',
				types: ['robbery'],
				title: 'x'.repeat(500),
				body: 'b',
				description: '',
				identifiers: [],
				expires_on: '',
				source_note: ''
			}
		}
	});
	expect(tooLong.status()).toBe(400);
	expect((await tooLong.json()).error).toMatchObject({ code: 'invalid', field: 'content.title' });
	const badPhone = await api.post(portal.url + '/api/v1/staff/warnings', {
		data: {
			report_ref: null,
			content: {
				area: 'gloucester',
				month: '2026-11',
				types: ['robbery'],
				title: 't',
				body: 'b',
				description: '',
				identifiers: [{ kind: 'phone', value: 'n/a', label: '' }],
				expires_on: '',
				source_note: ''
			}
		}
	});
	expect(badPhone.status()).toBe(400);
	expect((await badPhone.json()).error.message).toContain('cannot be read');
	const notJson = await api.post(portal.url + '/api/v1/staff/warnings', { data: 'nonsense' });
	expect(notJson.status()).toBeGreaterThanOrEqual(400);
	expect(notJson.status()).toBeLessThan(500);
	const unknown = await api.post(
		portal.url + '/api/v1/staff/warnings/00000000-0000-4000-8000-000000000000/retract',
		{ data: {} }
	);
	expect(unknown.status()).toBe(404);
	expect({
		w: count(portal.dbPath, 'warnings'),
		a: count(portal.dbPath, 'audit_events')
	}).toEqual(before);
});

test('a reader with the passphrase sees it on a phone, without the removed identifier, and no cookie is set', async ({
	browser
}) => {
	const page = await newPage(browser, 375);
	const first = await page.goto(portal.url + '/warnings');
	expect(first?.headers()['set-cookie']).toBeUndefined();
	await expect(page.getByText(TITLE)).toHaveCount(0);
	await expect(
		page.getByText('It is the only cookie on any public page of this site.')
	).toBeVisible();
	await screenshots(page, 'bulletin-door');

	// A wrong passphrase: a clear message, no bulletin.
	await page.getByLabel('Bulletin passphrase').fill('not the passphrase');
	await page.getByRole('button', { name: 'Show the warnings' }).click();
	await expect(page.getByRole('alert')).toContainText('That passphrase is not right');
	await expect(page.getByText(TITLE)).toHaveCount(0);

	const responses: string[] = [];
	page.on('response', (r) => {
		const cookie = r.headers()['set-cookie'];
		if (cookie) {
			responses.push(cookie);
		}
	});
	await page.getByLabel('Bulletin passphrase').fill(BULLETIN_PASSPHRASE);
	await page.getByRole('button', { name: 'Show the warnings' }).click();
	const card = page.getByRole('article', { name: TITLE });
	await expect(card).toBeVisible();
	await expect(card).toContainText('Gloucester');
	await expect(card).toContainText('November 2026');
	await expect(card).toContainText('07700 900123');
	await expect(card).toContainText('AB12 CDE');
	await expect(card).toContainText('Silver Ford Focus');
	await expect(page.locator('body')).not.toContainText(/nightdriver/i);
	await expect(page.locator('body')).not.toContainText('Barton Street');
	await screenshots(page, 'bulletin');

	// Filters keep the reader in, without a cookie.
	await page.getByLabel('Area').selectOption('cheltenham');
	await page.getByRole('button', { name: 'Show these warnings' }).click();
	await expect(page.getByText('No warnings match.')).toBeVisible();
	await page.getByLabel('Area').selectOption('gloucester');
	await page.getByLabel('What happened').selectOption('physical_assault');
	await page.getByRole('button', { name: 'Show these warnings' }).click();
	await expect(page.getByRole('article', { name: TITLE })).toBeVisible();

	for (const typed of ['07700 900123', '+447700900123', '7700-900-123', 'ab12 cde', 'AB12CDE']) {
		const result = await checkNumber(page, typed);
		await expect(result, typed).toContainText(`1 warning mentions “${typed}”`);
	}
	await screenshots(page, 'check');
	// A matched warning is shown twice (result and list); its ids must still be unique.
	const duplicateIds = await page.evaluate(() => {
		const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
		return ids.filter((id, i) => ids.indexOf(id) !== i);
	});
	expect(duplicateIds).toEqual([]);
	const none = await checkNumber(page, '07700 900999');
	await expect(none).toContainText('No warning mentions');
	await expect(none).toContainText('No match does not mean this person is safe');
	// The removed identifier is not there to be found.
	await expect(await checkNumber(page, '@NightDriver99')).toContainText('No warning mentions');
	await page.getByLabel('Phone number, e-mail, online name or number plate').fill('');
	await page.getByRole('button', { name: 'Check', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Type a phone number');

	expect(responses).toEqual([]);
	expect(await page.context().cookies()).toEqual([]);
	// What was typed into the check is not kept anywhere.
	expect(portal.output()).not.toContain('900999');
	expect(
		withDb(portal.dbPath, (db) =>
			db.prepare("select count(*) as n from audit_events where detail_json like '%900999%'").get()
		)
	).toEqual({ n: 0 });
});

test('without the passphrase nothing of the warning is in the page, the actions or the feed', async ({
	request
}) => {
	const page = await request.get(portal.url + '/warnings');
	expect(await page.text()).not.toContain(TITLE);
	for (const action of ['filter', 'check']) {
		const res = await request.post(`${portal.url}/warnings?/${action}`, {
			headers: { origin: portal.url, accept: 'text/html' },
			form: { identifier: '07700 900123', token: 'A'.repeat(43) }
		});
		expect(res.status(), action).toBe(401);
		const text = await res.text();
		expect(text, action).not.toContain(TITLE);
		expect(text, action).not.toContain('900123 ');
	}
	const noKey = await fetch(portal.url + '/api/v1/warnings/feed.atom');
	expect(noKey.status).toBe(404);
	expect(await noKey.text()).not.toContain(TITLE);
});

test('the partner feed is valid Atom and JSON; unknown keys get 404', async () => {
	const res = await feed(feedKey);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toContain('application/atom+xml');
	const xml = await res.text();
	expect(XMLValidator.validate(xml)).toBe(true);
	const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' }).parse(xml);
	expect(doc.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
	for (const required of ['id', 'title', 'updated', 'author']) {
		expect(doc.feed[required]).toBeDefined();
	}
	expect(doc.feed.entry).toHaveLength(1);
	const entry = doc.feed.entry[0];
	expect(entry.id).toBe(`urn:uuid:${warningId}`);
	expect(entry.title).toBe(TITLE);
	expect(Date.parse(entry.updated)).not.toBeNaN();
	expect(entry.content['#text']).toContain('07700 900123');
	expect(entry.content['#text']).not.toMatch(/nightdriver/i);

	const asJson = await feed(feedKey, '/api/v1/warnings/feed.json');
	expect(asJson.status).toBe(200);
	const body = (await asJson.json()) as { warnings: { id: string }[] };
	expect(body.warnings.map((w) => w.id)).toEqual([warningId]);
	expect(
		withDb(portal.dbPath, (db) => db.prepare('select last_used_at from feed_keys').get())
	).toEqual({ last_used_at: expect.stringMatching(/^20/) });

	// ?key= works for readers that cannot send headers.
	expect((await fetch(`${portal.url}/api/v1/warnings/feed.atom?key=${feedKey}`)).status).toBe(200);
	for (const wrong of [toBase64url(new Uint8Array(randomBytes(32))), 'short', '']) {
		const r = await feed(wrong);
		expect(r.status, wrong).toBe(404);
		expect(await r.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
	}
});

test('the reporter sees the warning on her status page; withdrawing consent puts it before a reviewer', async ({
	browser
}) => {
	const page = await newPage(browser, 375);
	await page.goto(portal.url + '/status');
	await page.getByLabel('Your report code').fill(consented.code);
	await page.getByRole('button', { name: 'Check my report' }).click();
	const section = page.getByRole('region', { name: 'A warning was published from your report' });
	await expect(section).toBeVisible();
	await expect(section.getByRole('article', { name: TITLE })).toBeVisible();
	await expect(section).not.toContainText(/nightdriver/i);

	await page.getByRole('radio', { name: /No, do not share it/ }).check();
	await page.getByRole('button', { name: 'Save my choices' }).click();
	await expect
		.poll(() =>
			withDb(portal.dbPath, (db) =>
				db.prepare('select consent_warn from reports where ref = ?').get(consented.ref)
			)
		)
		.toEqual({ consent_warn: 0 });

	await reviewerPage.goto(portal.url + '/staff/warnings', { waitUntil: 'networkidle' });
	const attention = reviewerPage.getByRole('region', { name: 'Consent withdrawn: please retract' });
	await expect(attention.getByRole('link', { name: TITLE })).toBeVisible();
	// A published edit is refused now too: the warning can only come down.
	const edit = await reviewerPage.request.put(`${portal.url}/api/v1/staff/warnings/${warningId}`, {
		data: {
			content: {
				area: 'gloucester',
				month: '2026-11',
				types: ['physical_assault'],
				title: TITLE,
				body: 'Edited.',
				description: '',
				identifiers: [],
				expires_on: '',
				source_note: ''
			}
		}
	});
	expect(edit.status()).toBe(409);
	expect((await edit.json()).error.code).toBe('no_consent');
});

test('"keep me signed in" sets the one cookie; a passphrase rotation signs that reader out', async ({
	browser
}) => {
	const page = await newPage(browser, 375);
	await page.goto(portal.url + '/warnings');
	await page.getByLabel('Bulletin passphrase').fill(BULLETIN_PASSPHRASE);
	await page.getByLabel('Keep me signed in on this device for 30 days').check();
	await page.getByRole('button', { name: 'Show the warnings' }).click();
	await expect(page.getByRole('article', { name: TITLE })).toBeVisible();
	const cookies = await page.context().cookies();
	expect(cookies).toHaveLength(1);
	expect(cookies[0]).toMatchObject({
		name: 'sr_bulletin',
		path: '/warnings',
		httpOnly: true,
		sameSite: 'Strict'
	});
	expect(cookies[0].expires * 1000 - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
	const stolen = cookies[0].value;
	// The cookie alone opens the bulletin next time.
	await page.reload();
	await expect(page.getByRole('article', { name: TITLE })).toBeVisible();

	await adminPage.getByLabel('New passphrase').fill(ROTATED_PASSPHRASE);
	await adminPage.getByLabel('Type it again').fill(ROTATED_PASSPHRASE);
	await adminPage.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(
		adminPage.getByRole('status').filter({ hasText: 'Every reader has been signed out' })
	).toBeVisible();

	await page.reload();
	await expect(page.getByLabel('Bulletin passphrase')).toBeVisible();
	await expect(page.getByText(TITLE)).toHaveCount(0);
	expect(await page.context().cookies()).toEqual([]);
	// Replaying the old cookie by hand does not work either.
	const replay = await fetch(portal.url + '/warnings', {
		headers: { cookie: `sr_bulletin=${stolen}` }
	});
	expect(await replay.text()).not.toContain(TITLE);
	// The old passphrase no longer opens it; the new one does.
	const old = await openBulletin(browser, BULLETIN_PASSPHRASE);
	await expect(old.getByRole('alert')).toContainText('That passphrase is not right');
	const fresh = await openBulletin(browser, ROTATED_PASSPHRASE);
	await expect(fresh.getByRole('article', { name: TITLE })).toBeVisible();
});

test('retracting takes the warning off the bulletin, the check and the feed', async ({
	browser
}) => {
	const page = reviewerPage;
	await page.goto(`${portal.url}/staff/warnings/${warningId}`, { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: 'Retract warning' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Retracted.' })).toBeVisible();

	const reader = await openBulletin(browser, ROTATED_PASSPHRASE);
	await expect(reader.getByText('No warnings match.')).toBeVisible();
	await expect(reader.getByText(TITLE)).toHaveCount(0);
	await expect(await checkNumber(reader, '07700 900123')).toContainText('No warning mentions');
	const xml = await (await feed(feedKey)).text();
	expect(XMLValidator.validate(xml)).toBe(true);
	expect(xml).not.toContain(TITLE);
	expect(xml).not.toContain('<entry>');
});

test('a revoked feed key gets 403 and its partner nothing more', async () => {
	const page = adminPage;
	await page.goto(portal.url + '/staff/settings/bulletin', { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: 'Revoke key for Riverside Outreach' }).click();
	await expect(page.getByRole('cell', { name: /^Revoked/ })).toBeVisible();
	const res = await feed(feedKey);
	expect(res.status).toBe(403);
	expect(await res.json()).toEqual({ error: { code: 'revoked', message: expect.any(String) } });
	expect((await feed(feedKey, '/api/v1/warnings/feed.json')).status).toBe(403);
	// Revoking twice is refused plainly and changes nothing.
	const id = withDb(
		portal.dbPath,
		(db) => (db.prepare('select id from feed_keys').get() as { id: string }).id
	);
	const before = count(portal.dbPath, 'audit_events');
	const again = await page.request.post(`${portal.url}/staff/settings/bulletin?/revokeKey`, {
		headers: { origin: portal.url, accept: 'application/json' },
		form: { id }
	});
	expect(await again.json()).toMatchObject({ type: 'failure', status: 409 });
	expect(count(portal.dbPath, 'audit_events')).toBe(before);
});

test('a report whose reporter said no: publishing is refused, also when forged, until a signed deviation is attached', async () => {
	const page = reviewerPage;
	await page.goto(`${portal.url}/staff/warnings/new?report=${refused.ref}`, {
		waitUntil: 'networkidle'
	});
	await unlock(page, reviewer);
	await expect(page.getByText('The reporter said no to warnings.')).toBeVisible();
	await page.getByLabel('Headline').fill('Man who does not pay, Gloucester');
	await page.getByLabel('What happened, in short').fill(REDACTED_BODY);
	await page.getByRole('button', { name: 'Publish warning' }).click();
	await expect(page.getByRole('alert')).toContainText('The reporter said no to warnings');
	// The draft is kept; the reviewer stays in the editor.
	const id = withDb(
		portal.dbPath,
		(db) =>
			(
				db
					.prepare(
						'select w.id from warnings w join reports r on r.id = w.report_id where r.ref = ?'
					)
					.get(refused.ref) as { id: string }
			).id
	);
	const status = () =>
		withDb(
			portal.dbPath,
			(db) =>
				(db.prepare('select status from warnings where id = ?').get(id) as { status: string })
					.status
		);
	expect(status()).toBe('draft');

	// Forged past the UI: the server refuses, with or without a made-up deviation id.
	const api = page.request;
	const forged = await api.post(`${portal.url}/api/v1/staff/warnings/${id}/publish`, {
		data: { deviation_id: null }
	});
	expect(forged.status()).toBe(409);
	expect((await forged.json()).error.code).toBe('no_consent');
	const madeUp = await api.post(`${portal.url}/api/v1/staff/warnings/${id}/publish`, {
		data: { deviation_id: '00000000-0000-4000-8000-000000000000' }
	});
	expect(madeUp.status()).toBe(409);
	expect((await madeUp.json()).error.code).toBe('deviation_mismatch');
	expect(status()).toBe('draft');

	// A signed deviation record for this report, made in the browser as the policy asks.
	await page
		.getByRole('link', { name: 'Record a policy deviation for this report' })
		.first()
		.click();
	await page
		.getByLabel('Why was it necessary to step outside policy?')
		.fill(
			'The same man has assaulted three workers this month; the risk to others outweighs her wish. Sergeant agreed.'
		);
	await page.getByRole('button', { name: 'Sign and store this record' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'signed, dated and stored' })
	).toBeVisible();
	// The warning's own page needs no keys: the warning is not encrypted.
	// After hydration: a choice made before it would be reset by the page's own state.
	await page.goto(`${portal.url}/staff/warnings/${id}`, { waitUntil: 'networkidle' });
	await page.getByLabel('Policy-deviation record to rely on').selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Publish warning' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
	await expect(page.getByText('published under a signed policy-deviation record')).toBeVisible();
	expect(status()).toBe('published');

	// Both the refusal and the publication are on the admin's audit page.
	await adminPage.goto(portal.url + '/staff/audit', { waitUntil: 'networkidle' });
	const auditItem = (action: string, detail: string) =>
		adminPage
			.getByRole('listitem')
			.filter({ hasText: action })
			.filter({ hasText: refused.ref })
			.filter({ hasText: detail });
	await expect(auditItem('warning.publish_refused', 'no_consent')).toHaveCount(2);
	await expect(auditItem('warning.published', 'reporter consent')).toHaveCount(1);
	const events = withDb(
		portal.dbPath,
		(db) =>
			db
				.prepare(
					"select action, subject, detail_json from audit_events where action like 'warning.publish%' order by seq"
				)
				.all() as { action: string; subject: string; detail_json: string }[]
	);
	expect(events.filter((e) => e.subject === refused.ref).map((e) => e.action)).toEqual([
		'warning.publish_refused',
		'warning.publish_refused',
		'warning.publish_refused',
		'warning.published'
	]);
	expect(JSON.parse(events[events.length - 1].detail_json)).toMatchObject({
		reporter_consent: false,
		deviation_id: expect.any(String)
	});
	expect(portal.output()).not.toContain('unexpected error');
});

test('analysts reach no warning page or endpoint; only admins reach the bulletin settings', async ({
	browser
}) => {
	const before = count(portal.dbPath, 'audit_events');
	const page = await signIn(browser, analyst);
	await expect(page.getByRole('link', { name: 'Warnings' })).toHaveCount(0);
	for (const path of ['/staff/warnings', '/staff/warnings/new', `/staff/warnings/${warningId}`]) {
		expect((await page.request.get(portal.url + path)).status(), path).toBe(403);
	}
	for (const path of [
		'/api/v1/staff/warnings',
		`/api/v1/staff/warnings/${warningId}/publish`,
		`/api/v1/staff/warnings/${warningId}/retract`
	]) {
		const res = await page.request.post(portal.url + path, { data: {} });
		expect(res.status(), path).toBe(403);
	}
	expect((await page.request.get(portal.url + '/staff/settings/bulletin')).status()).toBe(403);
	const reviewerTries = await reviewerPage.request.post(
		`${portal.url}/staff/settings/bulletin?/passphrase`,
		{
			headers: { origin: portal.url, accept: 'text/html' },
			form: { passphrase: 'reviewer chosen passphrase', confirm: 'reviewer chosen passphrase' }
		}
	);
	expect(reviewerTries.status()).toBe(403);
	// Only the analyst's sign-in was recorded.
	expect(
		withDb(portal.dbPath, (db) =>
			db.prepare('select action from audit_events where seq > ?').all(before)
		)
	).toEqual([{ action: 'staff.login' }]);
});

test('the bulletin prints on one or two A4 pages with a dozen warnings', async ({ browser }) => {
	const db = openDatabase(portal.dbPath);
	try {
		const staff = await db
			.selectFrom('staff')
			.selectAll()
			.where('id', '=', reviewer.id)
			.executeTakeFirstOrThrow();
		for (let i = 0; i < 11; i++) {
			const content = v.parse(WarningContentSchema, {
				area: 'cheltenham',
				month: '2026-10',
				types: ['non_payment', 'threats'],
				title: `Man who refuses to pay and threatens workers (${i + 1})`,
				body: 'Books by text, then refuses to pay and becomes aggressive when asked. Has followed a worker home.',
				description: 'White, 50s, heavy build, glasses.',
				identifiers: [
					{ kind: 'phone', value: `07700 90${String(1000 + i)}`, label: '' },
					{ kind: 'vehicle', value: `CD${10 + i} EFG`, label: 'Blue Vauxhall Astra' }
				],
				expires_on: '',
				source_note: 'Outreach team phone call'
			});
			const { id } = await createWarning(db, staff, { report_ref: null, content });
			await publishWarning(db, staff, id, null);
		}
	} finally {
		await db.destroy();
	}
	const page = await openBulletin(browser, ROTATED_PASSPHRASE, 1280);
	await expect(page.getByRole('article')).toHaveCount(12);
	await expect(
		page.getByText('Passed on to the unit, not from a report made here.').first()
	).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await page.setViewportSize({ width: 794, height: 1123 });
	await page.screenshot({ path: 'test-results/warnings-screens/print.png', fullPage: true });
	const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
	const pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
	expect(pages).toBeGreaterThanOrEqual(1);
	expect(pages).toBeLessThanOrEqual(2);
	// The forms and navigation are not printed.
	await expect(page.getByRole('button', { name: 'Check', exact: true })).toBeHidden();
});
