import { expect, test, type Page } from '@playwright/test';
import { submitReport } from '../support/api-client';
import { tabTo } from './support/keyboard';
import {
	doubleBrowserTextSize,
	doubleRootFontSize,
	expectNoHorizontalScroll,
	rootFontSize
} from './support/page-fit';
import { setBulletinPassphrase, walkPublicPages } from './support/public-walk';
import { portalWithUnitKey } from './support/unit-portal';

/** Usable at 320 px with 200% text, and focus never under the sticky quick-exit bar
 * (issue 13, item 4; WCAG 1.4.4, 1.4.10, 2.4.11). */
const ctx = portalWithUnitKey({ POW_MAX: '2000' });
const NARROW = { width: 320, height: 640 };
const PASSPHRASE = 'lantern harbour pebble';
let code: string;

test.beforeAll(async () => {
	code = (await submitReport(ctx.portal.url, ctx.unit)).code;
	await setBulletinPassphrase(ctx.portal.dbPath, PASSPHRASE);
});

const LARGE_TEXT = [
	{ name: 'the root font size doubled', enlarge: doubleRootFontSize },
	{ name: "the browser's text size doubled", enlarge: doubleBrowserTextSize }
];

for (const { name, enlarge } of LARGE_TEXT) {
	test(`at 320 px with ${name}, no public page scrolls sideways`, async ({ browser }, testInfo) => {
		test.setTimeout(120_000);
		const context = await browser.newContext({ viewport: NARROW });
		const page = await context.newPage();
		// On the portal first: its opener policy moves the tab to a fresh browser process, which
		// would start with the default text size again.
		await page.goto(ctx.portal.url + '/privacy');
		await enlarge(page);
		let visited = 0;
		await walkPublicPages(
			page,
			{ base: ctx.portal.url, prefix: '', code, bulletinPassphrase: PASSPHRASE },
			async (label) => {
				// Large text is applied when the page's HTML has been read; wait for that.
				await expect.poll(() => rootFontSize(page), { message: label }).toBe(36);
				await page.screenshot({
					path: testInfo.outputPath(`${String(visited++).padStart(2, '0')}-${slug(label)}.png`)
				});
				await expectNoHorizontalScroll(page, label);
			}
		);
		expect(visited).toBe(16);
		await context.close();
	});
}

const slug = (label: string) => label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';

const exitLink = (page: Page) => page.getByRole('link', { name: 'Leave this site quickly' });

/** Tab from the top of the page to `last`, then Shift+Tab back to the quick exit: every stop on
 * the way, both ways, is checked to be clear of the bar by `tabTo`. */
async function tabDownAndBack(page: Page, last: ReturnType<Page['locator']>) {
	await tabTo(page, last, { max: 150 });
	await tabTo(page, exitLink(page), { backwards: true, max: 150 });
}

for (const size of [
	{ name: 'normal text', enlarge: async () => {} },
	{ name: 'the root font size doubled', enlarge: doubleRootFontSize }
]) {
	test(`at 320 px with ${size.name}, no focus stop of the report form is under the quick-exit bar`, async ({
		browser
	}) => {
		test.setTimeout(180_000);
		const context = await browser.newContext({ viewport: NARROW });
		const page = await context.newPage();
		await size.enlarge(page);
		await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
		const cont = page
			.locator('section.step:not([hidden])')
			.getByRole('button', { name: 'Continue' });
		for (let step = 1; step <= 7; step++) {
			await expect(page.getByText(`Step ${step} of 7`)).toBeVisible();
			if (step === 2) {
				await page.getByRole('checkbox', { name: /Robbery/ }).check();
				await page.getByLabel('Where did it happen?').selectOption('cheltenham');
			}
			if (step === 5) {
				await page.getByRole('radio', { name: /No, do not share it/ }).check();
				await page.getByRole('radio', { name: /Keep it to warnings/ }).check();
			}
			await tabDownAndBack(
				page,
				step < 7 ? cont : page.getByRole('button', { name: 'Send my report' })
			);
			if (step < 7) {
				await cont.click();
			}
		}
		await context.close();
	});
}

test('without JavaScript, at 320 px, no focus stop of the one-page form is under the quick-exit bar', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({ viewport: NARROW, javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(ctx.portal.url + '/report');
	await tabDownAndBack(page, page.getByRole('button', { name: 'Send my report' }));
	await context.close();
});
