import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** WCAG 2.2 level A and AA, as axe tags them. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** No axe violation of WCAG 2.2 A/AA on the page as it is now; `label` names the page on failure. */
export async function expectNoAxeViolations(page: Page, label: string) {
	const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		label
	).toEqual([]);
}

/**
 * Full-page screenshots at a phone's and a desktop's width, into test-results/<folder>, for people
 * to look at; `atWidth` runs at each width after its screenshot. Leaves the viewport at 1280×720.
 */
export async function screenshotAtWidths(
	page: Page,
	folder: string,
	name: string,
	atWidth: (width: number, path: string) => Promise<void> = async () => {}
) {
	const dir = join('test-results', folder);
	mkdirSync(dir, { recursive: true });
	for (const width of [375, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
		await atWidth(width, join(dir, `${name}-${width}`));
	}
	await page.setViewportSize({ width: 1280, height: 720 });
}

/** Nothing on the page sticks out past `width` (sideways scrolling on a phone). */
export async function expectNoSidewaysOverflow(page: Page, width: number, label: string) {
	const wide = await page.evaluate((w) => {
		const out: string[] = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.right > w + 1) {
				out.push(`${el.tagName}.${el.className} ${Math.round(r.right)}`);
			}
		}
		return out.slice(0, 8);
	}, width);
	expect(wide, label).toEqual([]);
}
