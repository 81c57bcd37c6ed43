import { expect, test, type Page } from '@playwright/test';
import { watchPageErrors } from '../support/page-errors';
import {
	openStoredMessages,
	openStoredReport,
	readReports,
	sendUnitMessage
} from '../support/unit-keyring';
import { arrowTo, expectFocusClearOfBar, tabTo, typeLikeAPerson } from './support/keyboard';
import { portalWithUnitKey } from './support/unit-portal';

/** The whole reporter journey by keyboard alone (issue 13, item 4): no click, no fill, only
 * Tab, Shift+Tab, Space, Enter, arrows and typing; at 320 px, with every focus stop checked to
 * be clear of the sticky quick-exit bar. */
const ctx = portalWithUnitKey({ POW_MAX: '2000' });
const NARROW = { width: 320, height: 640 };
const NARRATIVE = 'He took my Phone at the Station. I left at Ten.';

const cont = (page: Page) =>
	page.locator('section.step:not([hidden])').getByRole('button', { name: 'Continue' });

async function continueByKeyboard(page: Page, next: number) {
	await tabTo(page, cont(page));
	await page.keyboard.press('Enter');
	await expect(page.getByText(`Step ${next} of 7`)).toBeVisible();
}

test('a reporter makes a report with a file, keeps the code, reads the reply and answers it, by keyboard alone', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({ viewport: NARROW });
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: ctx.portal.url
	});
	const page = await context.newPage();
	const errors = watchPageErrors(page);
	await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });

	// Step 1: the quick exit comes first in the keyboard order; then who is reporting, by arrows.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Leave this site quickly' })).toBeFocused();
	const me = page.getByRole('radio', { name: 'It happened to me' });
	await tabTo(page, me);
	await arrowTo(page, page.getByRole('radio', { name: /I am an outreach or support worker/ }));
	await expect(page.getByLabel('Your organisation')).toBeVisible();
	await arrowTo(page, me, 'ArrowUp');
	await continueByKeyboard(page, 2);

	// Step 2: Space ticks a box, a few letters choose the area, Shift makes the capitals.
	await expect(page.getByRole('heading', { name: /What happened$/ })).toBeFocused();
	const robbery = page.getByRole('checkbox', { name: /Robbery/ });
	await tabTo(page, robbery);
	await page.keyboard.press('Space');
	await expect(robbery).toBeChecked();
	const area = page.getByLabel('Where did it happen?');
	await tabTo(page, area);
	await page.keyboard.type('Chelt');
	await expect(area).toHaveValue('cheltenham');
	await tabTo(page, page.getByLabel('Tell us what happened'));
	await typeLikeAPerson(page, NARRATIVE);
	// Shift+Tab goes back over what was filled without changing it.
	await tabTo(page, area, { backwards: true });
	await expect(area).toHaveValue('cheltenham');
	await continueByKeyboard(page, 3);

	// Step 3: a name, typed.
	await tabTo(page, page.getByLabel('Name they used'));
	await typeLikeAPerson(page, 'Big Dave');
	await continueByKeyboard(page, 4);

	// Step 4: an age band by arrows.
	const firstAge = page.getByRole('radio', { name: 'Under 18' });
	await tabTo(page, firstAge);
	await page.keyboard.press('Space');
	await arrowTo(page, page.getByRole('radio', { name: '25 to 34' }));
	await continueByKeyboard(page, 5);

	// Step 5: Space picks the first answer of a group with none; arrows move within a group.
	const warnYes = page.getByRole('radio', { name: /Yes, warn others/ });
	await tabTo(page, warnYes);
	await page.keyboard.press('Space');
	await expect(warnYes).toBeChecked();
	const keepToWarnings = page.getByRole('radio', { name: /Keep it to warnings/ });
	await page.keyboard.press('Tab');
	await expect(keepToWarnings).toBeFocused();
	await page.keyboard.press('Space');
	await arrowTo(page, page.getByRole('radio', { name: /anonymous information/ }));
	await continueByKeyboard(page, 6);

	// Step 6: the file control opens the phone's or computer's file chooser from the keyboard.
	const chooseFiles = page.getByLabel('Choose files');
	await tabTo(page, chooseFiles);
	const chooser = page.waitForEvent('filechooser');
	await page.keyboard.press('Space');
	await (
		await chooser
	).setFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from('Taxi 23:40') });
	await expect(page.getByText(/receipt\.txt/)).toBeVisible();
	await continueByKeyboard(page, 7);

	// Step 7: read it over and send.
	await expect(page.getByText(NARRATIVE)).toBeVisible();
	await tabTo(page, page.getByRole('button', { name: 'Send my report' }));
	await page.keyboard.press('Enter');
	const sentHeading = page.getByRole('heading', { name: 'Your report has been sent' });
	await expect(sentHeading).toBeFocused({ timeout: 30_000 });

	// The code: copied by keyboard, and the same as the one shown.
	const shown = (await page.locator('#report-code').innerText()).replace(/\s/g, '');
	await tabTo(page, page.getByRole('button', { name: 'Copy the code' }));
	await page.keyboard.press('Enter');
	await expect(page.getByText('Copied.')).toBeVisible();
	const code = await page.evaluate(() => navigator.clipboard.readText());
	expect(code).toBe(shown);

	// The unit has it, with the words as typed (capitals and all) and the file.
	const [report] = readReports(ctx.portal.dbPath);
	const opened = await openStoredReport(ctx.portal.dbPath, ctx.unit, report);
	expect(opened.body).toMatchObject({
		incident: { narrative: NARRATIVE },
		offender: { name: 'Big Dave' },
		about_you: { age_band: '25_34' },
		files: [{ name: 'receipt.txt' }]
	});
	expect(opened.envelope).toMatchObject({
		types: ['robbery'],
		area: 'cheltenham',
		reporter: 'self',
		warn: true,
		police: 'intelligence'
	});
	expect(opened.files).toHaveLength(1);

	// /status by its link, the code typed with Shift for the capitals.
	await tabTo(page, page.getByRole('link', { name: 'Check my report' }).last());
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Check my report', level: 1 })).toBeVisible();
	const codeBox = page.getByLabel('Your report code');
	await tabTo(page, codeBox);
	await typeLikeAPerson(page, code);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Status: Received' })).toBeFocused();

	// The team replies; the reporter comes back with the code and reads it.
	await sendUnitMessage(ctx.portal.dbPath, ctx.unit, report.ref, 'Are you safe now? The team');
	await tabTo(page, page.getByRole('link', { name: 'Check another code' }));
	await page.keyboard.press('Enter');
	await tabTo(page, codeBox, { backwards: true });
	await typeLikeAPerson(page, code);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Status: Received' })).toBeFocused();
	await expect(page.getByText('Are you safe now? The team')).toBeVisible();

	// And answers it.
	await tabTo(page, page.getByLabel('Your message'));
	await typeLikeAPerson(page, 'Yes, I am Safe. Thank you.');
	await tabTo(page, page.getByRole('button', { name: 'Send message' }));
	await page.keyboard.press('Enter');
	const notice = page.getByRole('status').filter({ hasText: 'Your message has been sent.' });
	await expect(notice).toBeFocused();
	await expectFocusClearOfBar(page, 'the sent notice');
	const messages = await openStoredMessages(ctx.portal.dbPath, ctx.unit, report);
	expect(messages.map((m) => [m.direction, (m.body as { text: string }).text])).toEqual([
		['to_reporter', 'Are you safe now? The team'],
		['from_reporter', 'Yes, I am Safe. Thank you.']
	]);

	// Still here: no Shift pressed while typing counted towards the quick exit.
	expect(page.url()).toContain(ctx.portal.url);
	expect(errors).toEqual([]);
	await context.close();
});
