import { expect, type Page } from '@playwright/test';
import { getSodiumSumo } from '../../../src/lib/crypto/sodium-sumo';
import { withDb } from './staff';

/**
 * Every state of every public page a reporter or reader can see, visited in turn: `/`, each step
 * of `/report` (and one with its errors showing), `/status` empty and with a result, `/privacy`,
 * `/warnings` closed, open and with a check's result, and the error page. `prefix` is a language
 * prefix ('' for English, '/bg' …).
 *
 * The walk must work in every language, so it finds controls by their form names and the page's
 * own ids, never by words (which the other checks use, in English).
 */
export interface WalkOptions {
	base: string;
	prefix: string;
	/** A report code whose status page is shown. */
	code: string;
	/** The bulletin passphrase, if one is set, to open /warnings and check a number. */
	bulletinPassphrase?: string;
}

export type Visit = (label: string) => Promise<void>;

const REPORT_STEPS = ['who', 'what', 'person', 'you', 'consent', 'files', 'review'];

/** Sets the bulletin passphrase straight in the database, as an admin would in settings. */
export async function setBulletinPassphrase(dbPath: string, passphrase: string) {
	const sumo = await getSodiumSumo();
	const hash = sumo.crypto_pwhash_str(
		passphrase,
		sumo.crypto_pwhash_OPSLIMIT_INTERACTIVE,
		sumo.crypto_pwhash_MEMLIMIT_INTERACTIVE
	);
	withDb(dbPath, (db) =>
		db
			.prepare(
				"insert into settings (key, value) values ('bulletin_passphrase_hash', ?) on conflict(key) do update set value = excluded.value"
			)
			.run(hash)
	);
}

/** True when the portal answers the language prefix (a language not served yet is a 404). */
export async function servesPrefix(page: Page, base: string, prefix: string) {
	if (prefix === '') {
		return true;
	}
	const res = await page.request.get(`${base}${prefix}/report`, { maxRedirects: 0 });
	return res.status() === 200;
}

async function open(page: Page, url: string) {
	await page.goto(url, { waitUntil: 'networkidle' });
}

export async function walkReport(page: Page, { base, prefix }: WalkOptions, visit: Visit) {
	await open(page, `${base}${prefix}/report`);
	const shown = page.locator('section.step:not([hidden])');
	const next = shown.locator('.actions button[type="button"]').first();
	for (const [i, step] of REPORT_STEPS.entries()) {
		await expect(page.locator(`#h-${step}`)).toBeVisible();
		if (step === 'what') {
			await next.click();
			await expect(page.locator('#error-summary')).toBeVisible();
			await visit('/report step 2, with errors');
			await shown.locator('input[name="types"]').nth(4).check();
			await shown.locator('select[name="area"]').selectOption({ index: 1 });
		}
		if (step === 'consent') {
			await shown.locator('input[name="warn"]').last().check();
			await shown.locator('input[name="police"]').first().check();
		}
		await visit(`/report step ${i + 1}`);
		if (i < REPORT_STEPS.length - 1) {
			await next.click();
		}
	}
}

export async function walkStatus(page: Page, { base, prefix, code }: WalkOptions, visit: Visit) {
	await open(page, `${base}${prefix}/status`);
	await visit('/status');
	await page.locator('input[name="code"]').fill(code);
	await page.locator('input[name="code"]').press('Enter');
	await expect(page.locator('#status-title')).toBeVisible();
	await visit('/status with a result');
}

export async function walkWarnings(
	page: Page,
	{ base, prefix, bulletinPassphrase }: WalkOptions,
	visit: Visit
) {
	await open(page, `${base}${prefix}/warnings`);
	await visit('/warnings');
	if (!bulletinPassphrase) {
		return;
	}
	await page.locator('input[name="passphrase"]').fill(bulletinPassphrase);
	await page.locator('input[name="passphrase"]').press('Enter');
	await expect(page.locator('input[name="identifier"]')).toBeVisible();
	await visit('/warnings, open');
	await page.locator('input[name="identifier"]').fill('07700 900123');
	await page.locator('input[name="identifier"]').press('Enter');
	await expect(page.locator('.check [role="status"]')).toBeVisible();
	await visit('/warnings, a check result');
}

/** Every public page state, in order. */
export async function walkPublicPages(page: Page, options: WalkOptions, visit: Visit) {
	const { base, prefix } = options;
	await open(page, `${base}${prefix}/`);
	await visit('/');
	await walkReport(page, options, visit);
	await walkStatus(page, options, visit);
	await open(page, `${base}${prefix}/privacy`);
	await visit('/privacy');
	await walkWarnings(page, options, visit);
	const missing = await page.goto(`${base}${prefix}/no-such-page`, { waitUntil: 'networkidle' });
	expect(missing?.status()).toBe(404);
	await visit('the error page');
}
