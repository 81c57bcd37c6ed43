import { expect, test, type Browser, type Page } from '@playwright/test';
import { submitReport } from '../support/api-client';
import { expectNoAxeViolations } from './support/page-checks';
import { expectNoHorizontalScroll } from './support/page-fit';
import {
	servesPrefix,
	setBulletinPassphrase,
	walkPublicPages,
	walkReport,
	walkStatus
} from './support/public-walk';
import { portalWithUnitKey } from './support/unit-portal';

/**
 * Every public page, in each theme, at a phone's and a desktop's width and in more than one
 * language, checked by axe against WCAG 2.2 AA (issue 13, item 4), with a screenshot of each
 * for people to look at (in this test's folder under test-results/).
 */
const ctx = portalWithUnitKey({ POW_MAX: '2000' });
const PASSPHRASE = 'lantern harbour pebble';
let code: string;

/** The languages checked: English (no prefix) and Bulgarian, whose long words in Cyrillic test
 * the layout hardest. The one place to add a language to these checks. */
const LANGUAGES = [
	{ prefix: '', name: 'English' },
	{ prefix: '/bg', name: 'Bulgarian' }
];
const THEMES = ['light', 'dark'] as const;
const WIDTHS = [
	{ name: 'phone', width: 320, height: 640 },
	{ name: 'desktop', width: 1280, height: 900 }
];

test.beforeAll(async () => {
	code = (await submitReport(ctx.portal.url, ctx.unit)).code;
	await setBulletinPassphrase(ctx.portal.dbPath, PASSPHRASE);
});

async function skipUnlessServed(page: Page, prefix: string, name: string) {
	test.skip(
		!(await servesPrefix(page, ctx.portal.url, prefix)),
		`the portal does not serve ${name} at ${prefix}/ yet; this check runs once it does`
	);
}

/** The theme the browser asks for is the one the page paints: dark is near-black. */
async function expectTheme(page: Page, theme: 'light' | 'dark', label: string) {
	const paper = await page.evaluate(() => {
		const [r, g, b] = getComputedStyle(document.documentElement)
			.backgroundColor.match(/\d+/g)!
			.map(Number);
		return (r + g + b) / 3;
	});
	if (theme === 'dark') {
		expect(paper, `${label}: a dark page`).toBeLessThan(40);
	} else {
		expect(paper, `${label}: a light page`).toBeGreaterThan(215);
	}
}

async function themedPage(browser: Browser, theme: 'light' | 'dark', size: (typeof WIDTHS)[0]) {
	const context = await browser.newContext({ viewport: size });
	const page = await context.newPage();
	await page.emulateMedia({ colorScheme: theme });
	return { context, page };
}

const slug = (label: string) => label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';

for (const language of LANGUAGES) {
	for (const theme of THEMES) {
		for (const size of WIDTHS) {
			test(`${language.name}, ${theme} theme, ${size.width} px: every public page passes axe (WCAG 2.2 AA) and fits the width`, async ({
				browser
			}, testInfo) => {
				test.setTimeout(180_000);
				const { context, page } = await themedPage(browser, theme, size);
				await skipUnlessServed(page, language.prefix, language.name);
				let visited = 0;
				await walkPublicPages(
					page,
					{ base: ctx.portal.url, prefix: language.prefix, code, bulletinPassphrase: PASSPHRASE },
					async (label) => {
						await page.screenshot({
							path: testInfo.outputPath(`${String(visited++).padStart(2, '0')}-${slug(label)}.png`),
							fullPage: true
						});
						await expectTheme(page, theme, label);
						await expectNoHorizontalScroll(page, label);
						// From the top: axe measures targets where they are, and the bar is sticky.
						await page.evaluate(() => window.scrollTo(0, 0));
						await expectNoAxeViolations(page, `${language.name} ${theme} ${size.width}: ${label}`);
					}
				);
				expect(visited).toBe(16);
				await context.close();
			});
		}
	}
}

/** The pages a reporter sees at night on a small phone, in Bulgarian once it is served. */
test('at 320 px in the dark theme, /, /report and /status are screenshot and fit the width', async ({
	browser
}, testInfo) => {
	test.setTimeout(120_000);
	const { context, page } = await themedPage(browser, 'dark', WIDTHS[0]);
	const bulgarian = LANGUAGES.find((l) => l.name === 'Bulgarian')!;
	const served = await servesPrefix(page, ctx.portal.url, bulgarian.prefix);
	const language = served ? bulgarian : LANGUAGES[0];
	testInfo.annotations.push({
		type: 'language',
		description: served ? 'Bulgarian' : 'English (Bulgarian is not served yet)'
	});
	const options = { base: ctx.portal.url, prefix: language.prefix, code };
	const shots: string[] = [];
	const shoot = async (name: string) => {
		await expectTheme(page, 'dark', name);
		await expectNoHorizontalScroll(page, name);
		const path = testInfo.outputPath(`dark-320-${language.name.toLowerCase()}-${name}.png`);
		await page.screenshot({ path, fullPage: true });
		shots.push(path);
	};
	await page.goto(`${ctx.portal.url}${language.prefix}/`, { waitUntil: 'networkidle' });
	await shoot('home');
	await walkReport(page, options, async (label) => {
		if (label === '/report step 1') {
			await shoot('report');
		}
	});
	await walkStatus(page, options, async (label) => {
		if (label === '/status with a result') {
			await shoot('status');
		}
	});
	expect(shots).toHaveLength(3);
	await context.close();
});
