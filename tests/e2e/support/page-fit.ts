import { expect, type Page } from '@playwright/test';

/** The page does not scroll sideways: nothing is wider than the window (WCAG 1.4.10 Reflow). */
export async function expectNoHorizontalScroll(page: Page, label: string) {
	const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
		const root = document.scrollingElement ?? document.documentElement;
		const w = root.clientWidth;
		// Name the widest culprits, to make a failure quick to fix.
		// Text can spill out of a box that itself fits, so words are measured as well as boxes.
		const words = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const wide: string[] = [];
		const range = document.createRange();
		for (let node = words.nextNode(); node && wide.length < 4; node = words.nextNode()) {
			// Text clipped out of sight (a screen-reader-only line) widens nothing.
			if (node.parentElement?.closest('.visually-hidden, #svelte-announcer')) {
				continue;
			}
			range.selectNodeContents(node);
			if (range.getBoundingClientRect().right > w) {
				wide.push(
					`${node.parentElement?.tagName.toLowerCase()} "${node.textContent?.trim().slice(0, 30)}"`
				);
			}
		}
		for (const el of document.querySelectorAll('body *')) {
			if (el.getBoundingClientRect().right > w && wide.length < 8) {
				wide.push(`${el.tagName.toLowerCase()}.${el.className}`);
			}
		}
		return { scrollWidth: root.scrollWidth, clientWidth: w, wide };
	});
	expect(scrollWidth, `${label}: ${wide.join(', ')}`).toBeLessThanOrEqual(clientWidth);
}

/** Doubles the page's root font size on every page the tab opens, as large text does to a site
 * that sizes everything in rem (set through the CSSOM, which the CSP allows). */
export async function doubleRootFontSize(page: Page) {
	await page.addInitScript(() => {
		document.addEventListener('DOMContentLoaded', () => {
			const root = document.documentElement;
			root.style.fontSize = `${parseFloat(getComputedStyle(root).fontSize) * 2}px`;
		});
	});
}

/** Doubles the browser's own default text size (the phone's or browser's "text size" setting):
 * root font size and em media queries both follow it. Chromium only. */
export async function doubleBrowserTextSize(page: Page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Page.enable');
	await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
}

/** The root font size the page ends up with, in CSS pixels. */
export const rootFontSize = (page: Page) =>
	page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
