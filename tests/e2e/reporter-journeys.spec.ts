import { devices, expect, test, type Page } from '@playwright/test';
import { readFileSync, rmSync } from 'node:fs';
import { submitReport } from '../support/api-client';
import { fillReport, SENTINEL, v } from '../support/report-form';
import { installUnitKey, openStoredMessages, readReports } from '../support/unit-keyring';
import { expectNoAxeViolations, screenshotAtWidths } from './support/page-checks';
import { startPortal } from './support/portal';
import { portalWithUnitKey } from './support/unit-portal';

/** The reporter's journeys as people live them (issue 8, items 1 to 7). */
const ctx = portalWithUnitKey({ POW_MAX: '2000' });
const NEUTRAL = /bbc\.co\.uk\/weather/;
const PHONE = { width: 375, height: 740 };

async function standInForNeutralSite(page: Page) {
	await page.route('https://www.bbc.co.uk/**', (route) =>
		route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' })
	);
}

/** Types as a person does on a physical keyboard: a capital is Shift held, the letter, Shift up. */
async function typeLikeAPerson(page: Page, text: string) {
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

const SENTENCE = 'He said No. I left at Ten';

/** Types the sentence into every visible free-text box on the page. */
async function typeIntoEveryTextBox(page: Page) {
	const boxes = page.getByRole('textbox');
	let typed = 0;
	for (let i = 0; i < (await boxes.count()); i++) {
		const box = boxes.nth(i);
		if (!(await box.isVisible())) {
			continue;
		}
		if (['date', 'time'].includes((await box.getAttribute('type')) ?? '')) {
			continue;
		}
		await box.click();
		await typeLikeAPerson(page, SENTENCE);
		typed++;
	}
	return typed;
}

async function expectAccessible(page: Page, label: string) {
	// From the top: axe measures targets where they are, and the quick-exit bar is sticky.
	await page.evaluate(() => window.scrollTo(0, 0));
	await expectNoAxeViolations(page, label);
}

async function openStatus(page: Page, code: string) {
	await page.goto(ctx.portal.url + '/status', { waitUntil: 'networkidle' });
	await page.getByLabel('Your report code').fill(code);
	await page.getByRole('button', { name: 'Check my report' }).click();
	await expect(page.getByRole('heading', { name: /^Status:/ })).toBeVisible();
}

test.describe('quick exit', () => {
	test('typing sentences with capitals in every text field of /report and /status stays on the page; three bare Shifts leave', async ({
		page
	}) => {
		await standInForNeutralSite(page);
		await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
		await page.getByRole('radio', { name: /I am an outreach or support worker/ }).check();
		let typed = 0;
		for (let step = 0; step < 6; step++) {
			if (step === 4) {
				await page.getByRole('radio', { name: /Police may contact me/ }).check();
				await page.getByRole('radio', { name: 'By phone' }).check();
			}
			typed += await typeIntoEveryTextBox(page);
			await expect(page).toHaveURL(/\/report$/);
			if (step === 1) {
				await page.getByRole('checkbox', { name: /Robbery or theft/ }).check();
				await page.getByLabel('Where did it happen?').selectOption('gloucester');
			}
			if (step === 4) {
				await page.getByRole('radio', { name: /Yes, warn others/ }).check();
			}
			await page.getByRole('button', { name: 'Continue' }).click();
		}
		expect(typed).toBeGreaterThan(15);

		const sent = await submitReport(ctx.portal.url, ctx.unit);
		await page.goto(ctx.portal.url + '/status', { waitUntil: 'networkidle' });
		await page.getByLabel('Your report code').click();
		await typeLikeAPerson(page, SENTENCE);
		await page.getByLabel('Your report code').fill(sent.code);
		await page.getByRole('button', { name: 'Check my report' }).click();
		await expect(page.getByRole('heading', { name: /^Status:/ })).toBeVisible();
		await page.getByRole('radio', { name: /Police may contact me/ }).check();
		await page.getByRole('radio', { name: 'By phone' }).check();
		expect(await typeIntoEveryTextBox(page)).toBeGreaterThanOrEqual(3);
		await expect(page).toHaveURL(/\/status$/);

		for (let i = 0; i < 3; i++) {
			await page.keyboard.press('Shift');
		}
		await expect(page).toHaveURL(NEUTRAL);
	});
});

test.describe('steps and history on a phone', () => {
	test.use({ viewport: PHONE });

	test('Back and Forward move between steps with answers kept; history holds no answer', async ({
		page
	}) => {
		await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.getByRole('checkbox', { name: /Physical assault/ }).check();
		await page.getByLabel('Where did it happen?').selectOption('gloucester');
		await page.getByLabel('Tell us what happened').fill(v('narrative'));
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.getByLabel('Name they used').fill(v('name'));
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page.getByRole('heading', { name: /About you/ })).toBeVisible();

		await page.goBack();
		await expect(page.getByRole('heading', { name: /About the person who did it/ })).toBeVisible();
		await expect(page.getByLabel('Name they used')).toHaveValue(v('name'));
		await page.goBack();
		await expect(page.getByRole('heading', { name: /What happened/ })).toBeVisible();
		await expect(page.getByLabel('Tell us what happened')).toHaveValue(v('narrative'));
		await page.goForward();
		await expect(page.getByRole('heading', { name: /About the person who did it/ })).toBeVisible();
		await expect(page.getByLabel('Name they used')).toHaveValue(v('name'));

		// One URL, and nothing typed in the history entries.
		expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/report');
		expect(JSON.stringify(await page.evaluate(() => history.state))).not.toContain(SENTINEL);
	});

	test('reloading a form with answers asks first; an untouched form does not', async ({ page }) => {
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.type());
			void dialog.accept();
		});
		await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.reload({ waitUntil: 'networkidle' });
		expect(dialogs).toEqual([]);

		await page.getByRole('button', { name: 'Continue' }).click();
		await page.getByLabel('Tell us what happened').fill(v('narrative'));
		await page.reload({ waitUntil: 'networkidle' });
		expect(dialogs).toEqual(['beforeunload']);
	});

	test('quick exit leaves without asking and takes the form out of Back', async ({ page }) => {
		await standInForNeutralSite(page);
		await page.goto(ctx.portal.url + '/', { waitUntil: 'networkidle' });
		await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.getByLabel('Tell us what happened').fill(v('narrative'));
		await page.getByRole('checkbox', { name: /Physical assault/ }).check();
		await page.getByLabel('Where did it happen?').selectOption('gloucester');
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page.getByRole('heading', { name: /About the person who did it/ })).toBeVisible();
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.type());
			void dialog.accept();
		});
		await page.getByRole('link', { name: 'Leave this site quickly' }).click();
		await expect(page).toHaveURL(NEUTRAL);
		expect(dialogs).toEqual([]);
		await page.goBack().catch(() => undefined);
		expect(page.url()).not.toContain('/report');
	});
});

const REVIEWED = [
	'I am an outreach or support worker',
	v('organisation'),
	v('relationship'),
	'Yes, they agreed',
	'Friday 20 November 2026, about 23:15',
	v('when'),
	v('location'),
	v('narrative'),
	v('injuries'),
	v('weapon'),
	v('name'),
	v('age'),
	v('appearance'),
	v('accent'),
	v('phone1'),
	v('email1'),
	v('handle1'),
	v('make'),
	v('reg'),
	v('contact_method'),
	'25 to 34',
	'Mental health',
	v('about'),
	'Police may contact me',
	'By phone',
	v('contact_phone'),
	v('contact_times')
];

async function expectReviewShowsEverything(page: Page) {
	const review = page.getByRole('region', { name: /Check and send/ });
	for (const answer of REVIEWED) {
		await expect(review, answer).toContainText(answer);
	}
	await expect(review.getByRole('term').filter({ hasText: 'Under 18' })).toHaveCount(1);
	await expect(review).not.toContainText('2026-11-20');
	// "By phone" was chosen: the e-mail and service typed without JavaScript are not sent.
	await expect(review).not.toContainText(v('contact_email'));
	await expect(review).not.toContainText(v('contact_outreach'));
	await expect(review.getByText(/^Change/)).toHaveCount(6);
}

test.describe('check and send', () => {
	test('with JavaScript, every answer typed appears on the review step, grouped, with Change', async ({
		page
	}) => {
		await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
		await fillReport(page, { js: true, full: true });
		await expectReviewShowsEverything(page);
		await expect(
			page.getByRole('button', { name: 'Change about the person who did it' })
		).toBeVisible();
		await page.getByRole('button', { name: 'Change who is making this report' }).click();
		await expect(page.getByRole('heading', { name: /Who is reporting/ })).toBeFocused();
		await expect(page.getByRole('group', { name: 'Who is making this report?' })).toBeVisible();
		await screenshotAtWidths(page, 'reporter-journeys', 'who-step');
		// The phone's Back returns to the check, which shows the answer as it is now.
		await page.getByLabel('Your organisation').fill('Changed organisation');
		await page.goBack();
		const review = page.getByRole('region', { name: /Check and send/ });
		await expect(review).toContainText('Changed organisation');
		await expect(review).not.toContainText(v('organisation'));
	});

	test('without JavaScript, "Check my answers" shows every answer that will be sent', async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(ctx.portal.url + '/report');
		await fillReport(page, { js: false, full: true });
		await page.getByRole('button', { name: 'Check my answers' }).click();
		await expectReviewShowsEverything(page);
		await expect(page).toHaveURL(/#h-review$/);
		await expect(page.getByLabel('Your organisation')).toHaveValue(v('organisation'));
		await screenshotAtWidths(page, 'reporter-journeys', 'review-no-js');
		await context.close();
	});
});

test.describe('who is reporting comes first', () => {
	test('with JavaScript, later steps are worded for that person and fields that do not apply hide', async ({
		page
	}) => {
		await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
		await expect(page.getByText('Step 1 of 7')).toBeVisible();
		await expect(page.getByRole('group', { name: 'Who is making this report?' })).toBeVisible();
		await expect(page.getByLabel('Your organisation')).toBeHidden();
		await page.getByRole('radio', { name: /It happened to someone else/ }).check();
		await expect(page.getByLabel('Your organisation')).toBeVisible();
		await expectAccessible(page, 'who step');
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page.getByLabel('Were they hurt?')).toBeVisible();
		await page.getByRole('checkbox', { name: /Physical assault/ }).check();
		await page.getByLabel('Where did it happen?').selectOption('gloucester');
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(
			page.getByRole('heading', { name: /About the person you are reporting for/ })
		).toBeVisible();
		await expect(page.getByLabel('Anything else about them we should know?')).toBeVisible();
		await page.getByRole('button', { name: 'Continue' }).click();

		await expect(page.getByLabel('Your phone number')).toBeHidden();
		await page.getByRole('radio', { name: /Police may contact me/ }).check();
		await page.getByRole('radio', { name: 'By e-mail' }).check();
		await expect(page.getByLabel('Your e-mail address')).toBeVisible();
		await expect(page.getByLabel('Your phone number')).toBeHidden();
		await expectAccessible(page, 'consent step');
	});

	test('without JavaScript, every question stays, under clear headings', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(ctx.portal.url + '/report');
		const headings = page.getByRole('heading', { level: 2 });
		await expect(headings.first()).toHaveText('Who is reporting');
		await expect(page.getByRole('group', { name: 'Who is making this report?' })).toBeVisible();
		await expect(
			page.getByRole('heading', { name: 'Only if you are reporting for someone else' })
		).toBeVisible();
		await expect(
			page.getByRole('heading', { name: 'If the police may contact you' })
		).toBeVisible();
		for (const label of ['Your organisation', 'Your phone number', 'Your e-mail address']) {
			await expect(page.getByLabel(label)).toBeVisible();
		}
		await context.close();
	});
});

test.describe('status page', () => {
	for (const js of [true, false]) {
		test(`contact details added there reach the unit sealed, never in the clear (JavaScript ${js ? 'on' : 'off'})`, async ({
			browser
		}) => {
			const context = await browser.newContext({ javaScriptEnabled: js });
			const page = await context.newPage();
			const sent = await submitReport(ctx.portal.url, ctx.unit);
			const { ref } = (await sent.res.json()) as { ref: string };
			await openStatus(page, sent.code);
			const phone = `07700 ${js ? '900111' : '900222'}`;
			await page.getByRole('radio', { name: /Police may contact me/ }).check();
			await page.getByRole('radio', { name: 'By phone' }).check();
			await page.getByLabel('Your phone number').fill(phone);
			await page.getByLabel('When is it safe to contact you?').fill('Weekdays after 2 pm');
			if (js) {
				await screenshotAtWidths(page, 'reporter-journeys', 'status-contact');
			}
			await page.getByRole('button', { name: 'Save my choices' }).click();
			await expect(page.getByText(/your contact details sent to the team/)).toBeVisible();

			const report = readReports(ctx.portal.dbPath).find((r) => r.ref === ref)!;
			const messages = await openStoredMessages(ctx.portal.dbPath, ctx.unit, report);
			const texts = messages.map((m) => (m.body as { text: string }).text).join('\n');
			expect(texts).toContain(phone);
			expect(texts).toContain('By phone');
			expect(texts).toContain('Weekdays after 2 pm');
			expect(readFileSync(ctx.portal.dbPath).includes(Buffer.from(phone))).toBe(false);
			await context.close();
		});
	}

	test('the message form speaks of "your message"', async ({ page }) => {
		const sent = await submitReport(ctx.portal.url, ctx.unit);
		await openStatus(page, sent.code);
		const reply = page.getByRole('region', { name: 'Send a message or add information' });
		await expect(reply).toContainText('Your message will be locked');
		await expect(reply).not.toContainText('report will be locked');
	});

	test('"or press Shift 3 times" shows with a keyboard and mouse, not on a touch screen', async ({
		browser
	}) => {
		const desktop = await browser.newContext();
		const deskPage = await desktop.newPage();
		await deskPage.goto(ctx.portal.url + '/status');
		await expect(deskPage.getByText('or press Shift 3 times')).toBeVisible();
		await desktop.close();
		const { defaultBrowserType: _, ...pixel } = devices['Pixel 5'];
		const phone = await browser.newContext(pixel);
		const phonePage = await phone.newPage();
		await phonePage.goto(ctx.portal.url + '/status');
		await expect(phonePage.getByRole('link', { name: 'Leave this site quickly' })).toBeVisible();
		await expect(phonePage.getByText('or press Shift 3 times')).toBeHidden();
		await phone.close();
	});

	test('the report code never breaks inside a group of five', async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 700 });
		await page.goto(ctx.portal.url + '/report', { waitUntil: 'networkidle' });
		await fillReport(page, { js: true, full: false });
		await page.getByRole('button', { name: 'Send my report' }).click();
		await expect(page.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible({
			timeout: 30_000
		});
		for (const width of [320, 375, 1280]) {
			await page.setViewportSize({ width, height: 700 });
			// The line each character sits on, read from the layout.
			const groups = await page.evaluate(() => {
				const node = document.getElementById('report-code')!;
				const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
				const tops: { ch: string; top: number }[] = [];
				for (let text = walker.nextNode(); text; text = walker.nextNode()) {
					for (let i = 0; i < text.textContent!.length; i++) {
						const range = document.createRange();
						range.setStart(text, i);
						range.setEnd(text, i + 1);
						const ch = text.textContent![i];
						if (/\s/.test(ch)) {
							continue;
						}
						tops.push({ ch, top: Math.round(range.getBoundingClientRect().top) });
					}
				}
				return tops;
			});
			const code = groups.map((g) => g.ch).join('');
			expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
			for (let g = 0; g < 5; g++) {
				const lines = new Set(groups.slice(g * 6, g * 6 + 5).map((c) => c.top));
				expect(lines.size, `group ${g + 1} at ${width} px`).toBe(1);
			}
		}
		await screenshotAtWidths(page, 'reporter-journeys', 'report-code');
	});
});

test.describe('no-JavaScript path', () => {
	test('"Add another" comes back at the new row; the files step and the code page say what is true there', async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
		const page = await context.newPage();
		await page.goto(ctx.portal.url + '/report');
		await expect(page.getByText('Photos are cleaned on our server as they arrive.')).toBeVisible();
		await expect(page.getByText('Photos are cleaned before they are sent.')).toHaveCount(0);

		await page.getByLabel('Phone number 1').fill('07700 900333');
		await page.getByRole('button', { name: 'Add another phone number' }).click();
		await expect(page).toHaveURL(/#f-phone-1$/);
		await expect(page.getByLabel('Phone number 2')).toBeInViewport();
		await page.getByRole('button', { name: 'Add another vehicle' }).click();
		await expect(page.getByRole('group', { name: 'Vehicle 2' })).toBeInViewport();

		await fillReport(page, { js: false, full: false });
		await page.getByRole('button', { name: 'Send my report' }).click();
		await expect(page.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Copy the code' })).toHaveCount(0);
		await context.close();
	});
});

test('a portal opened at another address than ORIGIN says which address to open', async ({
	page
}) => {
	const portal = await startPortal({ POW_MAX: '2000' });
	try {
		await installUnitKey(portal.dbPath);
		const wrong = portal.url.replace('127.0.0.1', 'localhost');
		await page.goto(wrong + '/report', { waitUntil: 'networkidle' });
		await fillReport(page, { js: true, full: false });
		await page.getByRole('button', { name: 'Send my report' }).click();
		const message = `This page could not be sent from this address. Please open ${portal.url} and try again.`;
		await expect(page.getByRole('alert')).toContainText(message, { timeout: 30_000 });

		await page.goto(wrong + '/staff/login', { waitUntil: 'networkidle' });
		await page.getByLabel('Username').fill('someone');
		await page.getByLabel('Passphrase').fill('a passphrase that is long enough');
		await page.getByLabel('Code from your authenticator app').fill('123456');
		await page.getByRole('button', { name: /Sign in/ }).click();
		await expect(page.getByRole('alert')).toContainText(message, { timeout: 30_000 });

		const lines = portal
			.output()
			.split('\n')
			.filter((l) => l.includes('refused a form'));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(`ORIGIN (${portal.url})`);
		expect(lines[0]).not.toContain('localhost');
	} finally {
		await portal.stop();
		rmSync(portal.dataDir, { recursive: true, force: true });
	}
});

test('the origin check still refuses cross-site, origin-less and bare null-origin form posts', async ({
	request
}) => {
	const url = ctx.portal.url;
	const post = (headers: Record<string, string>, path = '/report') =>
		request.post(url + path, {
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
			data: 'narrative=x',
			maxRedirects: 0
		});
	const refused: Record<string, string>[] = [
		{ origin: 'https://evil.example' },
		{},
		{ origin: 'null' },
		{ origin: 'null', 'sec-fetch-site': 'cross-site' }
	];
	for (const headers of refused) {
		const res = await post(headers);
		expect(res.status(), JSON.stringify(headers)).toBe(403);
		expect(await res.text()).toContain(`open <a href="${url}/">`);
	}
	const api = await post({ origin: 'https://evil.example' }, '/api/v1/reports');
	expect(api.status()).toBe(403);
	expect(await api.json()).toEqual({
		error: {
			code: 'wrong_address',
			message: `This page could not be sent from this address. Please open ${url} and try again.`
		}
	});
	const allowed: Record<string, string>[] = [
		{ origin: url },
		{ origin: 'null', 'sec-fetch-site': 'same-origin' }
	];
	for (const headers of allowed) {
		expect((await post(headers)).status(), JSON.stringify(headers)).not.toBe(403);
	}
});
