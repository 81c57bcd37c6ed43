import { expect, test, type Page } from '@playwright/test';
import exifr from 'exifr';
import { portalWithUnitKey } from './support/unit-portal';
import { makeGpsJpeg } from '../support/gps-jpeg';
import { watchPageErrors } from '../support/page-errors';
import { fillReport } from '../support/report-form';
import { openStoredMessages, openStoredReport, readReports } from '../support/unit-keyring';

/** DESIGN §5.4: without JavaScript, and with JavaScript but no WebAssembly, the same form works;
 * the page says the server will seal it, and the stored report still opens only with the unit key. */

const ctx = portalWithUnitKey({ POW_MAX: '5000' });

async function readCode(page: Page) {
	await expect(page.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible({
		timeout: 30_000
	});
	await expect(page.getByText('Your report was locked on our server as it arrived.')).toBeVisible();
	return (await page.locator('#report-code').textContent())!.trim();
}

async function checkStatus(page: Page, code: string) {
	await page.goto(ctx.portal.url + '/status');
	await page.getByLabel('Your report code').fill(code);
	await page.getByRole('button', { name: 'Check my report' }).click();
	await expect(page.getByRole('heading', { name: 'Status: Received' })).toBeVisible();
	// The code stays out of the address bar.
	expect(page.url()).not.toContain(code.slice(0, 5));
}

async function storedReportWith(narrative: string) {
	for (const report of readReports(ctx.portal.dbPath)) {
		const opened = await openStoredReport(ctx.portal.dbPath, ctx.unit, report);
		if ((opened.body as { incident: { narrative: string } }).incident.narrative === narrative) {
			return { report, opened };
		}
	}
	throw new Error('report not stored');
}

test('with JavaScript off, the form posts, the server seals, and the code opens the status', async ({
	browser
}) => {
	const photo = await makeGpsJpeg(browser);
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(ctx.portal.url + '/report');
	// One page, every step visible, and the mode named before sending.
	await expect(page.getByText('Step 1 of 7')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Locked on our server' })).toBeVisible();

	// "Add another" posts the form and comes back with the answers kept and one more row.
	await page.getByLabel('Tell us what happened').fill('Kept across a round trip');
	await page.getByRole('button', { name: 'Add another phone number' }).click();
	await expect(page.getByLabel('Phone number 2')).toBeVisible();
	await expect(page.getByLabel('Tell us what happened')).toHaveValue('Kept across a round trip');
	expect(readReports(ctx.portal.dbPath)).toHaveLength(0);

	await fillReport(page, {
		js: false,
		full: false,
		files: [{ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo }]
	});
	await page.getByLabel('Tell us what happened').fill('No JavaScript here');
	await page.getByRole('button', { name: 'Send my report' }).click();
	const code = await readCode(page);
	await checkStatus(page, code);

	const { report, opened } = await storedReportWith('No JavaScript here');
	expect(report.sealed_by).toBe('server');
	expect(opened.envelope).toMatchObject({ types: ['physical_assault', 'robbery'], attachments: 1 });
	// The server stripped the photo's EXIF (GPS, camera) before sealing it.
	const image = Buffer.from(opened.files[0]);
	expect(image.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
	expect(await exifr.gps(image).catch(() => undefined)).toBeUndefined();
	expect(
		await exifr
			.parse(image, { tiff: true, exif: true, gps: true, xmp: true })
			.catch(() => undefined)
	).toBeUndefined();
	await context.close();
});

test('with JavaScript on but WebAssembly missing, the page says so and falls back to the form post', async ({
	page
}) => {
	await page.addInitScript(() => {
		delete (window as unknown as { WebAssembly?: unknown }).WebAssembly;
	});
	const errors = watchPageErrors(page);
	await page.goto(ctx.portal.url + '/report');
	await expect(page.getByText('Step 1 of 7')).toBeVisible();
	await fillReport(page, { js: true, full: false });
	await expect(page.getByRole('heading', { name: 'Locked on our server' })).toBeVisible();
	await page.getByRole('button', { name: 'Send my report' }).click();
	const code = await readCode(page);

	await checkStatus(page, code);
	// Replying works the same way: sealed on the server for this one request.
	await page.getByLabel('Your message').fill('A reply without WebAssembly');
	await page.getByRole('button', { name: 'Send message' }).click();
	await expect(page.getByText('Your message has been sent.')).toBeVisible();
	await expect(page.getByText('A reply without WebAssembly')).toBeVisible();

	const { report } = await storedReportWith('He took my phone and pushed me.');
	expect(report.sealed_by).toBe('server');
	const messages = await openStoredMessages(ctx.portal.dbPath, ctx.unit, report);
	expect(messages.map((m) => (m.body as { text: string }).text)).toEqual([
		'A reply without WebAssembly'
	]);
	expect(errors).toEqual([]);
});
