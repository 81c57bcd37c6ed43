import { expect, test, type Page } from '@playwright/test';
import { portalWithUnitKey } from './support/unit-portal';
import { withDb } from './support/staff';
import { submitReport } from '../support/api-client';
import { watchPageErrors } from '../support/page-errors';
import { expectedFullBody, expectEveryTextboxFilled, fillReport, v } from '../support/report-form';
import { openStoredReport, readReports, sendUnitMessage } from '../support/unit-keyring';
import { STATUS_MESSAGES } from '../../src/lib/staff/report/triage-options';

/** Public pages in the reporter's language: chosen by the address, or by the browser on a first
 * visit, switched in place with nothing typed lost, and nothing of it remembered on the device. */
const ctx = portalWithUnitKey({ POW_MAX: '2000' });

test('a first visit follows the browser (Bulgarian); the switcher works with no cookie or storage', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'bg-BG' });
	const page = await context.newPage();
	const errors = watchPageErrors(page);
	await page.goto(ctx.portal.url + '/', { waitUntil: 'networkidle' });
	await expect(page).toHaveURL(ctx.portal.url + '/bg');
	await expect(page.locator('html')).toHaveAttribute('lang', 'bg');
	await expect(
		page.getByRole('heading', {
			level: 1,
			name: 'Подай сигнал за престъпление безопасно и анонимно'
		})
	).toBeVisible();

	const languages = page.getByRole('navigation', { name: 'Език' });
	await expect(languages.getByRole('link', { name: 'Български' })).toHaveAttribute(
		'aria-current',
		'true'
	);
	await expect(languages.getByRole('link', { name: 'Română' })).toHaveAttribute('hreflang', 'ro');

	// Choosing English is not undone by the browser's language: the click comes from the portal.
	await languages.getByRole('link', { name: 'English' }).click();
	await expect(page).toHaveURL(ctx.portal.url + '/');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Report a crime safely and anonymously' })
	).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Privacy' })
		.click();
	await expect(page).toHaveURL(ctx.portal.url + '/privacy');

	// Links keep the language.
	await page
		.getByRole('navigation', { name: 'Language' })
		.getByRole('link', { name: 'Română' })
		.click();
	await expect(page).toHaveURL(ctx.portal.url + '/ro/privacy');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ro');
	// Words the server works out (the deletion periods in force) change language too.
	await expect(
		page.getByText(/^Sesizările închise se șterg la 24 de luni după închidere/)
	).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Meniu principal' })
		.getByRole('link', { name: 'Fă o sesizare' })
		.click();
	await expect(page).toHaveURL(ctx.portal.url + '/ro/report');
	await expect(page.getByRole('link', { name: 'Ieși repede de pe site' })).toBeVisible();

	expect(await context.cookies()).toEqual([]);
	const stored = await page.evaluate(() => {
		// The public layout replaces the storages; their real contents are read from a fresh frame.
		const frame = document.createElement('iframe');
		document.body.append(frame);
		const win = frame.contentWindow as Window;
		const counts = { local: win.localStorage.length, session: win.sessionStorage.length };
		frame.remove();
		return counts;
	});
	expect(stored).toEqual({ local: 0, session: 0 });
	expect(errors).toEqual([]);
	await context.close();
});

/** The switcher's link to a language, found by its language rather than by words that change. */
async function chooseLanguage(page: Page, locale: string) {
	await page.locator(`nav.languages a[hreflang="${locale}"]`).click();
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

const shownStep = (page: Page) => page.locator('section.step:not([hidden])');

test('changing language in the middle of a report keeps every answer, the step and the file; the report goes in the last language chosen', async ({
	page
}) => {
	const errors = watchPageErrors(page);
	// A full page load would ask "leave this page?" and then lose the answers.
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	const note = { name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('what I saw\n') };
	const before = readReports(ctx.portal.dbPath).length;

	await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
	await fillReport(page, { js: true, full: true, files: [note] });
	await expect(page.locator('#h-review')).toBeFocused();

	// At the last step, in Polish: the same step and answers, every word in Polish.
	await chooseLanguage(page, 'pl');
	await expect(page).toHaveURL(ctx.portal.url + '/pl/report');
	await expect(page.locator('#h-review')).toContainText('Sprawdź i wyślij');
	await expect(page.getByRole('navigation', { name: 'Język' })).toBeVisible();
	await expect(page.getByText(v('narrative'))).toBeVisible();
	await expect(page).toHaveTitle(/Zgłoś/);

	// The phone's Back steps back through the form, staying in the language chosen.
	for (const step of ['files', 'consent', 'you', 'person', 'what']) {
		await page.goBack();
		await expect(page.locator(`#h-${step}`)).toBeVisible();
		await expect(page).toHaveURL(ctx.portal.url + '/pl/report');
	}
	await expectEveryTextboxFilled(page);
	await expect(page.locator('select[name="area"]')).toHaveValue('gloucester');

	// Halfway through, in Romanian: still this step, with every answer and the chosen file.
	await chooseLanguage(page, 'ro');
	await expect(page).toHaveURL(ctx.portal.url + '/ro/report');
	await expect(page.locator('#h-what')).toBeVisible();
	await expect(page.locator('#h-what')).toContainText('Ce s-a întâmplat');
	await expectEveryTextboxFilled(page);
	await expect(shownStep(page).getByRole('checkbox', { checked: true })).toHaveCount(2);
	for (let i = 0; i < 4; i++) {
		await shownStep(page).getByRole('button', { name: 'Continuă' }).click();
	}
	await expect(page.locator('#h-files')).toBeVisible();
	expect(
		await page.locator('#f-files').evaluate((input: HTMLInputElement) => input.files?.[0]?.name)
	).toBe('note.txt');
	await shownStep(page).getByRole('button', { name: 'Continuă' }).click();
	await page.getByRole('button', { name: 'Trimite sesizarea' }).click();
	await expect(page.getByRole('heading', { name: 'Sesizarea ta a fost trimisă' })).toBeVisible({
		timeout: 60_000
	});

	// The unit opens every answer and the file as entered, and replies in Romanian.
	const reports = readReports(ctx.portal.dbPath);
	expect(reports).toHaveLength(before + 1);
	const opened = await openStoredReport(ctx.portal.dbPath, ctx.unit, reports.at(-1)!);
	expect(opened.envelope.lang).toBe('ro');
	expect(opened.body).toEqual(
		expectedFullBody([{ name: 'note.txt', type: 'text/plain', size: note.buffer.length }])
	);
	expect(Buffer.from(opened.files[0])).toEqual(note.buffer);
	expect(dialogs).toEqual([]);
	expect(errors).toEqual([]);
});

/** What a page says: its language, its title and every word in it, hidden steps included, with
 * scripts left out and the route announcer (which reads out a title after a change in place). */
const wordsOf = (page: Page) =>
	page.evaluate(() => {
		const body = document.body.cloneNode(true) as HTMLElement;
		body.querySelectorAll('script, #svelte-announcer').forEach((node) => node.remove());
		return {
			lang: document.documentElement.lang,
			title: document.title,
			text: body.textContent!.replace(/\s+/g, ' ').trim()
		};
	});

test('every public page changed to another language in place reads exactly as the page opened in it', async ({
	page,
	context,
	request
}) => {
	// Without JavaScript the server's words are all the page has: an option's hint included, in
	// the page's language whichever language the server was asked for first.
	await request.get(ctx.portal.url + '/report');
	const served = await (await request.get(ctx.portal.url + '/bg/report')).text();
	expect(served).toContain('Приятел, партньор или колега');
	expect(served).not.toContain('A friend, partner or colleague');

	const errors = watchPageErrors(page);
	const fresh = await context.newPage();
	for (const path of ['/', '/report', '/status', '/privacy', '/warnings']) {
		await page.goto(ctx.portal.url + path, { waitUntil: 'networkidle' });
		await chooseLanguage(page, 'bg');
		await fresh.goto(ctx.portal.url + '/bg' + (path === '/' ? '' : path), {
			waitUntil: 'networkidle'
		});
		const opened = await wordsOf(fresh);
		expect(opened.lang).toBe('bg');
		expect(await wordsOf(page), path).toEqual(opened);
	}
	expect(errors).toEqual([]);
});

async function checkStatus(page: Page, code: string) {
	await page.goto(ctx.portal.url + '/pl/status', { waitUntil: 'networkidle' });
	await page.getByLabel('Twój kod zgłoszenia').fill(code);
	await page.getByRole('button', { name: 'Sprawdź moje zgłoszenie' }).click();
}

test("the status page in Polish shows the unit's reply and the status in Polish, and in Romanian in place", async ({
	page
}) => {
	const errors = watchPageErrors(page);
	const sent = await submitReport(ctx.portal.url, ctx.unit);
	expect(sent.res.status).toBe(201);
	const { ref } = (await sent.res.json()) as { ref: string };

	await checkStatus(page, sent.code);
	await expect(page.getByRole('heading', { name: 'Stan: Otrzymane' })).toBeVisible();
	await expect(page.getByText('Twoje zgłoszenie dotarło bezpiecznie.')).toBeVisible();

	// Staff move the report on: the automatic message and the new status, then a written reply.
	withDb(ctx.portal.dbPath, (db) =>
		db.prepare("update reports set status = 'in_review' where ref = ?").run(ref)
	);
	await sendUnitMessage(ctx.portal.dbPath, ctx.unit, ref, STATUS_MESSAGES.in_review!);
	await sendUnitMessage(ctx.portal.dbPath, ctx.unit, ref, 'Czy jesteś teraz bezpieczna?');
	await checkStatus(page, sent.code);
	await expect(page.getByRole('heading', { name: 'Stan: W trakcie sprawdzania' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Wiadomości' })).toBeVisible();
	await expect(page.getByText('Twoje zgłoszenie jest teraz sprawdzane.')).toBeVisible();
	await expect(page.getByText('Czy jesteś teraz bezpieczna?')).toBeVisible();
	await expect(page.getByText(STATUS_MESSAGES.in_review!)).toHaveCount(0);

	// In Romanian in place: the report stays open (no code typed again), every word changes.
	await chooseLanguage(page, 'ro');
	await expect(page).toHaveURL(ctx.portal.url + '/ro/status');
	await expect(page.getByRole('heading', { name: 'Stare: Este analizată' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Mesaje' })).toBeVisible();
	await expect(page.getByText('Sesizarea ta este acum analizată.')).toBeVisible();
	await expect(page.getByText('Czy jesteś teraz bezpieczna?')).toBeVisible();
	expect(errors).toEqual([]);
});

test('staff pages and the API have no language prefix, so no guard or limit can be stepped around', async ({
	request
}) => {
	for (const path of ['/ro/staff', '/ro/staff/login', '/bg/api/v1/reports', '/pl/api/v1/status']) {
		const res = await request.get(ctx.portal.url + path, { maxRedirects: 0 });
		expect(res.status(), path).toBe(404);
	}
	const post = await request.post(ctx.portal.url + '/ro/api/v1/reports', {
		data: {},
		maxRedirects: 0
	});
	expect(post.status()).toBe(404);
});
