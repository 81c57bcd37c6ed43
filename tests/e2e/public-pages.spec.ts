import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { portalWithUnitKey } from './support/unit-portal';
import { expectNoAxeViolations } from './support/page-checks';
import { submitReport } from '../support/api-client';
import { watchPageErrors } from '../support/page-errors';
import { fillReport } from '../support/report-form';

/** DESIGN §7 on every public page: no cookie, no web storage, no-store, accessible (WCAG 2.2 AA)
 * at phone and desktop widths, and a screenshot of each for people to look at. */
const ctx = portalWithUnitKey({ POW_MAX: '2000' });
let code: string;

const PAGES = ['/', '/report', '/status', '/privacy', '/warnings'];
const WIDTHS = [
	{ name: 'phone', width: 375, height: 740 },
	{ name: 'desktop', width: 1280, height: 900 }
];
// Outside test-results/, which Playwright empties at the start of every run, and inside the
// project's ignored data/ folder, so a test run leaves nothing in the system's temp folder.
const SHOTS = process.env.SCREENSHOT_DIR ?? join('data', 'screenshots');

test.beforeAll(async () => {
	const sent = await submitReport(ctx.portal.url, ctx.unit);
	code = sent.code;
	mkdirSync(SHOTS, { recursive: true });
});

/** Records every web-storage write and storage access the page attempts. */
async function trapStorage(page: Page) {
	await page.addInitScript(() => {
		const writes: string[] = [];
		// Keep the real storages before the page can touch them, to count what is in them later.
		const real = { local: window.localStorage, session: window.sessionStorage };
		(window as unknown as { __storage: unknown }).__storage = { writes, real };
		const setItem = Storage.prototype.setItem;
		Storage.prototype.setItem = function (key: string, value: string) {
			writes.push(key);
			return setItem.call(this, key, value);
		};
	});
}
const storageWrites = (page: Page) =>
	page.evaluate(() => {
		const trap = (
			window as unknown as {
				__storage: { writes: string[]; real: { local: Storage; session: Storage } };
			}
		).__storage;
		return {
			writes: trap.writes,
			local: trap.real.local.length,
			session: trap.real.session.length
		};
	});

async function expectAccessible(page: Page, label: string) {
	// From the top: axe measures targets where they are, and the quick-exit bar is sticky.
	await page.evaluate(() => window.scrollTo(0, 0));
	await expectNoAxeViolations(page, label);
}

test('public pages set no cookie, write no storage and are never cached', async ({
	page,
	context,
	request
}) => {
	await trapStorage(page);
	const errors = watchPageErrors(page);
	const responses: { url: string; cache: string | null }[] = [];
	page.on('response', (r) => {
		// Pages, form answers and API answers: what could replay a reporter's visit. (Static,
		// content-hashed assets such as scripts and the icon hold nothing about anyone.)
		const kind = r.request().resourceType();
		if (r.url().startsWith(ctx.portal.url) && ['document', 'fetch', 'xhr'].includes(kind)) {
			responses.push({ url: r.url(), cache: r.headers()['cache-control'] ?? null });
		}
	});
	for (const path of PAGES) {
		await page.goto(ctx.portal.url + path, { waitUntil: 'networkidle' });
		await expect(page.getByRole('link', { name: 'Leave this site quickly' })).toBeVisible();
	}
	// The whole journey too: a report sent and its status checked.
	await page.goto(ctx.portal.url + '/status');
	await page.getByLabel('Your report code').fill(code);
	await page.getByRole('button', { name: 'Check my report' }).click();
	await expect(page.getByRole('heading', { name: 'Status: Received' })).toBeVisible();
	await page.goto(ctx.portal.url + '/report');
	await expect(page.getByText('Step 1 of 7')).toBeVisible();
	await fillReport(page, { js: true, full: false });
	await page.getByRole('button', { name: 'Send my report' }).click();
	await expect(page.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible({
		timeout: 30_000
	});

	expect(await context.cookies()).toEqual([]);
	expect(await storageWrites(page)).toEqual({ writes: [], local: 0, session: 0 });
	expect(responses.length).toBeGreaterThan(PAGES.length);
	for (const r of responses) {
		expect(r.cache, r.url).toBe('no-store');
	}
	for (const path of [...PAGES, '/api/v1/unit-key', '/api/v1/pow']) {
		const res = await request.get(ctx.portal.url + path);
		expect(res.headers()['cache-control'], path).toBe('no-store');
		expect(res.headers()['set-cookie'], path).toBeUndefined();
	}
	expect(errors).toEqual([]);
});

for (const size of WIDTHS) {
	test(`every public page and form step is accessible at ${size.width}px`, async ({ browser }) => {
		test.setTimeout(120_000);
		const context = await browser.newContext({ viewport: size });
		const page = await context.newPage();
		for (const path of PAGES) {
			await page.goto(ctx.portal.url + path, { waitUntil: 'networkidle' });
			await expectAccessible(page, path);
			await page.screenshot({
				path: `${SHOTS}/${size.name}${path === '/' ? '-home' : path.replace(/\//g, '-')}.png`,
				fullPage: true
			});
		}
		// Each step of the form, as the reporter sees it.
		await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
		for (let step = 1; step <= 7; step++) {
			await expect(page.getByText(`Step ${step} of 7`)).toBeVisible();
			if (step === 2) {
				// With the errors showing, too.
				await page.getByRole('button', { name: 'Continue' }).click();
				await expect(
					page.getByRole('heading', { name: 'Please check your answers' })
				).toBeVisible();
				await expectAccessible(page, 'step 2 with errors');
				await page.getByRole('checkbox', { name: /Robbery/ }).check();
				await page.getByLabel('Where did it happen?').selectOption('cheltenham');
			}
			if (step === 5) {
				await page.getByRole('radio', { name: /No, do not share it/ }).check();
				await page.getByRole('radio', { name: /Keep it to warnings/ }).check();
			}
			await expectAccessible(page, `step ${step}`);
			await page.screenshot({
				path: `${SHOTS}/${size.name}-report-step${step}.png`,
				fullPage: true
			});
			if (step < 7) {
				await page.getByRole('button', { name: 'Continue' }).click();
			}
		}
		await page.getByRole('button', { name: 'Send my report' }).click();
		await expect(page.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible({
			timeout: 30_000
		});
		await expectAccessible(page, 'report code');
		await page.screenshot({ path: `${SHOTS}/${size.name}-report-code.png`, fullPage: true });

		await page.goto(ctx.portal.url + '/status', { waitUntil: 'networkidle' });
		await page.getByLabel('Your report code').fill(code);
		await page.getByRole('button', { name: 'Check my report' }).click();
		await expect(page.getByRole('heading', { name: 'Status: Received' })).toBeVisible();
		await expectAccessible(page, 'status view');
		await page.screenshot({ path: `${SHOTS}/${size.name}-status-view.png`, fullPage: true });
		await context.close();
	});
}

test('the report form works at 320 px without sideways scrolling', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	for (const path of PAGES) {
		await page.goto(ctx.portal.url + path, { waitUntil: 'networkidle' });
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, path).toBeLessThanOrEqual(0);
	}
	await context.close();
});

test('the home page leads to a working bulletin, and the consent question says what a warning is', async ({
	page,
	browser
}) => {
	await page.goto(ctx.portal.url + '/');
	await page.getByRole('link', { name: 'Warnings about dangerous people' }).click();
	await expect(page).toHaveURL(/\/warnings$/);
	await expect(
		page.getByRole('heading', { name: 'Warnings about dangerous people' })
	).toBeVisible();
	await expect(page.getByLabel('Bulletin passphrase')).toBeVisible();
	await expect(page.getByText(/coming soon/i)).toHaveCount(0);

	// Without JavaScript the whole form is one page, the consent question included.
	const noScript = await browser.newContext({ javaScriptEnabled: false });
	const form = await noScript.newPage();
	await form.goto(ctx.portal.url + '/report');
	await expect(
		form.getByText('Only workers and outreach staff with the bulletin passphrase can read it', {
			exact: false
		})
	).toBeVisible();
	await noScript.close();
});
