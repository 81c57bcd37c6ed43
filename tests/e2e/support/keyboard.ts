import { expect, type Locator, type Page } from '@playwright/test';

/** Types as a person does on a physical keyboard: a capital is Shift held, the letter, Shift up
 * (so the quick exit's "Shift 3 times" must not fire while someone writes). */
export async function typeLikeAPerson(page: Page, text: string) {
	for (const ch of text) {
		if (/[A-Z]/.test(ch)) {
			await page.keyboard.down('Shift');
			await page.keyboard.press(ch);
			await page.keyboard.up('Shift');
		} else {
			await page.keyboard.type(ch);
		}
	}
}

/** Where the focused element is, against the sticky quick-exit bar. */
export function focusAgainstBar(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement;
		const bar = document.querySelector('.quick-exit');
		if (!el || el === document.body || !bar) {
			return null;
		}
		const box = el.getBoundingClientRect();
		const label =
			el.getAttribute('aria-label') ??
			(el.id ? `#${el.id}` : '') +
				` ${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 40)}`;
		return {
			label,
			inBar: bar.contains(el),
			top: box.top,
			barBottom: bar.getBoundingClientRect().bottom,
			viewport: window.innerHeight
		};
	});
}

/** The focused element is on screen and no part of it is under the quick-exit bar (WCAG 2.4.11,
 * and the stricter 2.4.12), unless it is in the bar itself. */
export async function expectFocusClearOfBar(page: Page, where = '') {
	const at = await focusAgainstBar(page);
	if (!at || at.inBar) {
		return;
	}
	expect(
		at.top,
		`${where} ${at.label}: top below the bar (${at.barBottom})`
	).toBeGreaterThanOrEqual(at.barBottom - 0.5);
	// In view: a tall box (a text area) may run below the screen's edge, but not start there.
	expect(at.top, `${where} ${at.label}: on screen`).toBeLessThan(at.viewport);
}

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking at every stop that the focused
 * element is clear of the quick-exit bar. Fails after `max` presses.
 */
export async function tabTo(
	page: Page,
	target: Locator,
	{ backwards = false, max = 80 }: { backwards?: boolean; max?: number } = {}
) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
		await expectFocusClearOfBar(page, `after ${i + 1} ${backwards ? 'Shift+Tab' : 'Tab'}:`);
		if (await isFocused(target)) {
			return;
		}
	}
	throw new Error(`${max} presses of Tab did not reach ${target}`);
}

/** Presses an arrow key in a radio group until `target` is the checked, focused radio. */
export async function arrowTo(page: Page, target: Locator, key = 'ArrowDown', max = 8) {
	for (let i = 0; i < max && !(await target.isChecked()); i++) {
		await page.keyboard.press(key);
	}
	await expect(target).toBeChecked();
	await expect(target).toBeFocused();
}
