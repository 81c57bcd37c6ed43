import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64url } from '../../src/lib/crypto/encoding';
import { createKeyring } from '../../src/lib/crypto/keyring';
import { deriveKitKey, sealKit } from '../../src/lib/crypto/recovery-kit';
import { getSodium } from '../../src/lib/crypto/sodium';
import { getSodiumSumo } from '../../src/lib/crypto/sodium-sumo';
import { expectNoAxeViolations, screenshotAtWidths } from './support/page-checks';
import { startPortal, type Portal } from './support/portal';
import { Authenticator, count, lastAudit, withDb } from './support/staff';
import { reportBody, submit } from './workbench-fixtures';

/**
 * The recovery kit end to end on one portal: an admin exports the kit in the browser; every staff
 * row, grant and session is then wiped, as if every admin had gone; after a restart a new admin
 * is made through setup, opens the kit, and reads a report made before the wipe.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const FIRST = { username: 'ada.admin', passphrase: 'lantern quietly orbit walnut meadow' };
const SECOND = { username: 'bea.admin', passphrase: 'velvet pylon marmalade cactus drift' };
const KIT_PASSPHRASE = 'harbour juniper thimble ostrich lullaby';
const NARRATIVE = 'RECOVERY-SENTINEL-7731 he followed me from the station.';

let portal: Portal;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let kitPath: string;
let oldRef: string;

async function newPage(browser: Browser) {
	const context = await browser.newContext({ acceptDownloads: true });
	contexts.push(context);
	const page = await context.newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
	return page;
}

/** First-run setup in the browser, then sign-in; lands on the queue with keys unlocked. */
async function setUpAdmin(page: Page, who: typeof FIRST) {
	await page.goto(portal.url + '/staff/setup');
	await page.waitForLoadState('networkidle');
	const key = (await page.getByLabel(/Enter this key in the app/).inputValue()).replace(/\s+/g, '');
	const app = new Authenticator(key);
	await page.getByLabel('Setup code').fill(portal.setupCode!);
	await page.getByLabel('Username').fill(who.username);
	await page.getByLabel('Passphrase', { exact: true }).fill(who.passphrase);
	await page.getByLabel('Type it again').fill(who.passphrase);
	await page.getByLabel('Code from the app').fill(await app.next());
	await page.getByRole('button', { name: 'Create the admin account' }).click();
	await expect(page).toHaveURL(/\/staff\/login/);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Username').fill(who.username);
	await page.getByLabel('Passphrase').fill(who.passphrase);
	await page.getByLabel('Code from your authenticator app').fill(await app.next());
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(portal.url + '/staff');
}

const goToUnitKey = (page: Page) =>
	page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Unit key' }).click();

test.beforeAll(async () => {
	portal = await startPortal({ RATE_LIMIT_FACTOR: '5', POW_MAX: '2000' });
});

test.afterAll(async () => {
	for (const c of contexts) {
		await c.close();
	}
	await portal?.close();
});

test('an admin exports the keyring as a recovery kit, with printed instructions', async ({
	browser
}) => {
	const admin = await newPage(browser);
	await setUpAdmin(admin, FIRST);
	({ ref: oldRef } = await submit(portal.url, {
		label: 'old report',
		envelope: {
			v: 1,
			types: ['threats'],
			area: 'gloucester',
			month: '2026-11',
			under18: 'no',
			reporter: 'self',
			warn: false,
			police: 'intelligence',
			lang: 'en'
		},
		files: [],
		body: reportBody({
			narrative: NARRATIVE,
			location: 'Station road',
			name: 'K',
			phone: '07700 900999',
			files: []
		})
	}));

	await goToUnitKey(admin);
	await admin.getByRole('link', { name: 'Make a recovery kit' }).click();
	await expect(admin.getByRole('heading', { name: 'Recovery kit' })).toBeVisible();
	await expectNoAxeViolations(admin, '/staff/keys/kit');

	// A weak recovery passphrase is refused in the browser; nothing is recorded.
	const audits = count(portal.dbPath, 'audit_events');
	await admin.getByLabel('Recovery passphrase').fill('password1234');
	await admin.getByLabel('Type it again').fill('password1234');
	await admin.getByRole('button', { name: 'Make and download the recovery kit' }).click();
	await expect(admin.getByRole('alert')).toContainText('too easy to guess');
	expect(count(portal.dbPath, 'audit_events')).toBe(audits);

	await admin.getByLabel('Recovery passphrase').fill(KIT_PASSPHRASE);
	await admin.getByLabel('Type it again').fill(KIT_PASSPHRASE);
	const downloaded = admin.waitForEvent('download');
	await admin.getByRole('button', { name: 'Make and download the recovery kit' }).click();
	const download = await downloaded;
	kitPath = join(portal.dataDir, download.suggestedFilename());
	await download.saveAs(kitPath);
	expect(download.suggestedFilename()).toMatch(
		/^safereport-recovery-kit-v1-\d{4}-\d{2}-\d{2}\.json$/
	);

	// The file: the unit key's fingerprint in the clear, the keyring sealed; none of it on the server.
	const kit = JSON.parse(readFileSync(kitPath, 'utf8'));
	const unitKey = (await (await fetch(portal.url + '/api/v1/unit-key')).json()) as {
		id: string;
		fingerprint: string;
	};
	expect(kit.unit_keys).toEqual([
		expect.objectContaining({ id: unitKey.id, fingerprint: unitKey.fingerprint })
	]);
	const audit = lastAudit(portal.dbPath);
	expect(audit.action).toBe('unit_key.recovery_export');
	// Who made a kit of which keyring, and nothing else: the kit itself never reaches the server.
	expect(JSON.parse(audit.detail_json)).toEqual({
		keyring_version: 1,
		unit_key_ids: [unitKey.id]
	});

	// The instructions to print and keep with it.
	await expect(admin.getByRole('heading', { name: 'SafeReport recovery kit' })).toBeVisible();
	await expect(admin.getByText(unitKey.fingerprint)).toBeVisible();
	await expect(admin.getByRole('heading', { name: 'Where to keep it' })).toBeVisible();
	await expectNoAxeViolations(admin, 'recovery kit instructions');
	await admin.emulateMedia({ media: 'print' });
	await expect(admin.getByRole('button', { name: 'Print these instructions' })).toBeHidden();
	await expect(admin.getByRole('navigation', { name: 'Staff' })).toBeHidden();
	await screenshotAtWidths(admin, 'recovery-kit', 'kit-print-view');
	await admin.emulateMedia({ media: 'screen' });
	await screenshotAtWidths(admin, 'recovery-kit', 'kit-screen-view');
});

test('after every staff row is gone, a new admin opens the kit and reads an old report', async ({
	browser
}) => {
	await portal.stop();
	withDb(portal.dbPath, (db) => {
		db.pragma('foreign_keys = OFF');
		for (const table of ['sessions', 'keyring_grants', 'invites', 'staff']) {
			db.prepare(`delete from ${table}`).run();
		}
	});
	expect(count(portal.dbPath, 'staff')).toBe(0);
	await portal.restart();
	expect(portal.setupCode).not.toBeNull();

	const admin = await newPage(browser);
	await admin.goto(portal.url + '/staff/setup');
	await expect(admin.getByText('This portal already has a unit key')).toBeVisible();
	await setUpAdmin(admin, SECOND);
	// Setup kept the unit's key: no new one was made, and the new admin holds no keyring yet.
	expect(count(portal.dbPath, 'unit_keys')).toBe(1);
	expect(count(portal.dbPath, 'keyring_grants')).toBe(0);
	await expect(admin.getByText('No unit keyring yet')).toBeVisible();

	await goToUnitKey(admin);
	await expect(admin.getByRole('heading', { name: 'Open a recovery kit' })).toBeVisible();

	// A kit of another unit is refused before any passphrase is asked for.
	const sodium = await getSodium();
	const stranger = createKeyring(sodium).keyring;
	const kdf = { alg: 'argon2id13' as const, salt: 'AAAAAAAAAAAAAAAAAAAAAA', ops: 1, mem: 8192 };
	const strangerKey = deriveKitKey(await getSodiumSumo(), 'x', fromBase64url(kdf.salt), 1, 8192);
	const strangerKit = sealKit(sodium, stranger, strangerKey, kdf, new Date().toISOString());
	await admin.getByLabel('Recovery kit file').setInputFiles({
		name: 'other-unit.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(strangerKit))
	});
	await expect(admin.getByRole('alert')).toContainText('belongs to another unit');

	await admin.getByLabel('Recovery kit file').setInputFiles(kitPath);
	await expect(
		admin.getByRole('status').filter({ hasText: 'unit keys match this portal' })
	).toBeVisible();
	await expectNoAxeViolations(admin, '/staff/keys with a kit chosen');
	await screenshotAtWidths(admin, 'recovery-kit', 'kit-import');

	// The wrong passphrase: refused in the browser, nothing stored.
	await admin.getByLabel('Recovery passphrase').fill(KIT_PASSPHRASE + ' extra');
	await admin.getByRole('button', { name: 'Open the recovery kit' }).click();
	await expect(admin.getByRole('alert')).toContainText('passphrase does not open');
	expect(count(portal.dbPath, 'keyring_grants')).toBe(0);

	await admin.getByLabel('Recovery passphrase').fill(KIT_PASSPHRASE);
	await admin.getByRole('button', { name: 'Open the recovery kit' }).click();
	await expect(
		admin.getByRole('status').filter({ hasText: 'The recovery kit is open.' })
	).toBeVisible();
	expect(count(portal.dbPath, 'keyring_grants')).toBe(1);
	// Not necessarily the last line: the link indexer starts on the reports once the keyring opens.
	expect(count(portal.dbPath, 'audit_events', "action = 'unit_key.recovery_import'")).toBe(1);

	// The report made before the wipe opens and reads as it was written.
	await admin
		.getByRole('navigation', { name: 'Staff' })
		.getByRole('link', { name: 'Queue' })
		.click();
	await admin.getByRole('link', { name: oldRef, exact: true }).click();
	await expect(admin.getByRole('heading', { name: `Report ${oldRef}` })).toBeVisible();
	await expect(admin.getByText(NARRATIVE, { exact: true })).toBeVisible();
	expect(pageErrors).toEqual([]);
});
