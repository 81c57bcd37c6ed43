import { expect, test, type Page } from '@playwright/test';
import { watchPageErrors } from '../support/page-errors';
import { portalWithUnitKey } from './support/unit-portal';

/** Errors are announced and lead to their field (issue 13, item 4): the summary takes focus,
 * its links put the cursor in the field, and every field in error says so to a screen reader. */
const ctx = portalWithUnitKey({ POW_MAX: '2000' });

const summary = (page: Page) =>
	page
		.getByRole('alert')
		.filter({ has: page.getByRole('heading', { name: 'Please check your answers' }) });
const cont = (page: Page) => page.getByRole('button', { name: 'Continue' });

async function toConsent(page: Page) {
	await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
	await cont(page).click();
	await page.getByRole('checkbox', { name: /Robbery/ }).check();
	await page.getByLabel('Where did it happen?').selectOption('cheltenham');
	for (let step = 2; step <= 4; step++) {
		await cont(page).click();
	}
	await expect(page.getByText('Step 5 of 7')).toBeVisible();
}

test('a failed step focuses the summary; its link puts the cursor in the field, with no new address', async ({
	page
}) => {
	const errors = watchPageErrors(page);
	await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
	await cont(page).click();
	await cont(page).click();
	await expect(summary(page)).toBeFocused();
	const entries = await page.evaluate(() => history.length);

	await page.keyboard.press('Tab');
	await expect(summary(page).getByRole('link').first()).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('checkbox', { name: /^Rape/ })).toBeFocused();
	// The question, not just the box, is in view: the legend sits below the quick-exit bar.
	const legend = page.getByText('What happened?', { exact: true });
	const bar = await page.locator('.quick-exit').boundingBox();
	const top = await legend.boundingBox();
	expect(top!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);
	expect(page.url()).toBe(ctx.portal.url + '/report');
	expect(await page.evaluate(() => history.length)).toBe(entries);
	expect(errors).toEqual([]);
});

test('a radio question in error is described by its error, until it is answered', async ({
	page
}) => {
	// ARIA gives radios no invalid state: the group carries the error in its description.
	await toConsent(page);
	await cont(page).click();
	await expect(summary(page)).toBeFocused();
	const warn = page.getByRole('group', { name: 'May we warn other workers about this person?' });
	await expect(warn).toHaveAccessibleDescription(/Choose whether we may warn/);
	await warn.getByRole('radio', { name: /No, do not share it/ }).check();
	await page.getByRole('radio', { name: /Keep it to warnings/ }).check();
	await cont(page).click();
	await expect(page.getByText('Step 6 of 7')).toBeVisible();
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(page.getByText('Step 5 of 7')).toBeVisible();
	await expect(warn).not.toHaveAccessibleDescription(/Choose whether we may warn/);
});

test('too many files: the file control is marked invalid and described by the error', async ({
	page
}) => {
	await toConsent(page);
	await page.getByRole('radio', { name: /No, do not share it/ }).check();
	await page.getByRole('radio', { name: /Keep it to warnings/ }).check();
	await cont(page).click();
	const files = Array.from({ length: 6 }, (_, i) => ({
		name: `note-${i}.txt`,
		mimeType: 'text/plain',
		buffer: Buffer.from(`note ${i}`)
	}));
	const control = page.getByLabel('Choose files');
	await control.setInputFiles(files);
	await expect(control).toHaveAttribute('aria-invalid', 'true');
	await expect(control).toHaveAccessibleDescription(/up to 5 files/i);
});

test('a photo that cannot be read when sending leads back to the files step with the summary focused', async ({
	page
}) => {
	await toConsent(page);
	await page.getByRole('radio', { name: /No, do not share it/ }).check();
	await page.getByRole('radio', { name: /Keep it to warnings/ }).check();
	await cont(page).click();
	await page.getByLabel('Choose files').setInputFiles({
		name: 'broken.jpg',
		mimeType: 'image/jpeg',
		buffer: Buffer.from('this is not a picture at all')
	});
	await cont(page).click();
	await expect(page.getByText('Step 7 of 7')).toBeVisible();
	// The progress line is already in the page, so its changes are heard.
	await expect(page.getByRole('status')).toHaveCount(1);
	await page.getByRole('button', { name: 'Send my report' }).click();
	await expect(page.getByText('Step 6 of 7')).toBeVisible();
	await expect(summary(page)).toBeFocused();
	await expect(page.getByLabel('Choose files')).toHaveAttribute('aria-invalid', 'true');
});

test('without JavaScript, a date the server refuses is marked invalid and described by its error', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(ctx.portal.url + '/report');
	// A browser's date picker cannot hold a wrong date; an old browser's plain text box can.
	await page.getByLabel('Date', { exact: true }).evaluate((el) => {
		(el as HTMLInputElement).type = 'text';
		(el as HTMLInputElement).value = 'last friday';
	});
	await page.getByRole('button', { name: 'Check my answers' }).click();
	await expect(page.getByRole('heading', { name: 'Please check your answers' })).toBeVisible();
	const date = page.getByLabel('Date', { exact: true });
	await expect(date).toHaveAttribute('aria-invalid', 'true');
	await expect(date).toHaveAccessibleDescription(/Enter the date like/);
	await context.close();
});
