import { expect, test, type Page } from '@playwright/test';
import { portalWithUnitKey } from './support/unit-portal';
import { submitReport } from '../support/api-client';
import { watchPageErrors } from '../support/page-errors';
import { openStoredMessages, readReports, sendUnitMessage } from '../support/unit-keyring';
import { getSodium } from '../../src/lib/crypto/sodium';
import { ALPHABET, formatReportCode, generateReportCode } from '../../src/lib/crypto/report-code';
import Database from 'better-sqlite3';

const ctx = portalWithUnitKey({ POW_MAX: '2000' });
let code: string;
let ref: string;

test.beforeAll(async () => {
	// A code with a zero in it, so "O for 0" can be shown to work.
	const sodium = await getSodium();
	do {
		code = generateReportCode(sodium);
	} while (!code.slice(0, 23).includes('0'));
	const sent = await submitReport(ctx.portal.url, ctx.unit, { code });
	expect(sent.res.status).toBe(201);
	ref = ((await sent.res.json()) as { ref: string }).ref;
});

async function enterCode(page: Page, typed: string) {
	// With JavaScript, wait until the page has taken over its form: a click before that is sent
	// as the no-JavaScript form, which this test checks separately.
	await page.goto(ctx.portal.url + '/status', { waitUntil: 'networkidle' });
	await page.getByLabel('Your report code').fill(typed);
	await page.getByRole('button', { name: 'Check my report' }).click();
}

for (const js of [true, false]) {
	test(`the code is forgiving but checked (${js ? 'JavaScript' : 'no JavaScript'})`, async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: js });
		const page = await context.newPage();
		const errors = watchPageErrors(page);
		const variants = [
			code.toLowerCase(),
			formatReportCode(code).replace(/-/g, ' '),
			formatReportCode(code).replace(/0/g, 'O').toLowerCase()
		];
		for (const typed of variants) {
			await enterCode(page, typed);
			await expect(page.getByRole('heading', { name: 'Status: Received' })).toBeVisible();
		}
		// One wrong character: the check characters catch it.
		const i = code.indexOf('0');
		const typo = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
		await enterCode(page, typo);
		await expect(page.getByText('This code has a typo.')).toBeVisible();
		// A well-formed code nobody holds.
		const sodium = await getSodium();
		await enterCode(page, generateReportCode(sodium));
		await expect(page.getByText('Report not found.')).toBeVisible();
		await enterCode(page, code.slice(0, 20));
		await expect(page.getByText('A report code has 25 letters and numbers.')).toBeVisible();
		expect(ALPHABET).toContain('0');
		expect(page.url()).toBe(ctx.portal.url + '/status' + (js ? '' : '?/check'));
		// The wrong codes are answered 400 and 404 on purpose; the browser logs those statuses.
		expect(errors.filter((e) => !/status of 40[04]/.test(e))).toEqual([]);
		await context.close();
	});
}

test('with JavaScript the reporter reads the team, replies with a file, changes consent and withdraws', async ({
	page
}) => {
	const errors = watchPageErrors(page);
	await sendUnitMessage(ctx.portal.dbPath, ctx.unit, ref, 'Are you safe now? — the team');
	await enterCode(page, code);
	await expect(page.getByRole('heading', { name: 'Status: Received' })).toBeVisible();
	await expect(page.getByText('Are you safe now? — the team')).toBeVisible();
	// The code is not left in the page once used.
	expect(await page.content()).not.toContain(code);

	await page.getByLabel('Your message').fill('Yes, thank you');
	await page.getByLabel('Add files (optional)').setInputFiles({
		name: 'note.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('licence plate AB12 CDE')
	});
	await page.getByRole('button', { name: 'Send message' }).click();
	await expect(page.getByText('Your message has been sent.')).toBeVisible();
	await expect(page.getByText('Yes, thank you')).toBeVisible();

	await page.getByLabel('Your message').fill('I remembered his car is blue');
	await page.getByRole('button', { name: 'Add to my report' }).click();
	await expect(page.getByText('Your information has been added to the report.')).toBeVisible();

	await page.getByRole('radio', { name: 'Yes, warn others' }).check();
	await page.getByRole('radio', { name: /Police may contact me/ }).check();
	await page.getByRole('button', { name: 'Save my choices' }).click();
	await expect(page.getByText('Your choices have been saved.')).toBeVisible();

	await page.getByRole('checkbox', { name: 'I want to withdraw my report' }).check();
	await page.getByRole('button', { name: 'Withdraw my report' }).click();
	await expect(page.getByRole('heading', { name: 'Status: Withdrawn' })).toBeVisible();

	const [report] = readReports(ctx.portal.dbPath);
	const messages = await openStoredMessages(ctx.portal.dbPath, ctx.unit, report);
	expect(
		messages.map((m) => [m.direction, (m.body as { kind: string; text: string }).kind])
	).toEqual([
		['to_reporter', 'message'],
		['from_reporter', 'reply'],
		['from_reporter', 'more_info']
	]);
	expect(Buffer.from(messages[1].files[0]).toString()).toBe('licence plate AB12 CDE');

	const db = new Database(ctx.portal.dbPath, { readonly: true });
	const row = db
		.prepare(
			'select envelope_json, consent_warn, consent_police, warn, police, withdrawn_at from reports'
		)
		.get() as Record<string, string | number | null>;
	const actions = db.prepare('select action, detail_json from audit_events order by seq').all() as {
		action: string;
		detail_json: string;
	}[];
	db.close();
	// The envelope stays as sealed (it is bound into the report's AD); the change sits beside it.
	expect(JSON.parse(row.envelope_json as string)).toMatchObject({
		warn: false,
		police: 'intelligence'
	});
	expect(row.consent_warn).toBe(1);
	expect(row.consent_police).toBe('contact');
	// The queue's filter columns follow the consent in force.
	expect([row.warn, row.police]).toEqual([1, 'contact']);
	expect(row.withdrawn_at).not.toBeNull();
	expect(actions.map((a) => a.action)).toEqual([
		'report.received',
		'report.reporter_message',
		'report.reporter_message',
		'report.consent_changed',
		'report.withdrawn'
	]);
	expect(JSON.parse(actions[0].detail_json)).toEqual({ ref, sealed_by: 'browser' });
	expect(errors).toEqual([]);
});
