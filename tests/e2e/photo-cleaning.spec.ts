import { expect, test, type Page } from '@playwright/test';
import type { FileMeta } from '../../src/lib/report/body';
import { gpsAnywhere, heicLike, jpegWithSecondImage } from '../support/gps-pictures';
import { fillReport } from '../support/report-form';
import { openStoredReport, readReports } from '../support/unit-keyring';
import { portalWithUnitKey } from './support/unit-portal';

/** Photo cleaning fails closed, in the browser and on the server: a picture is cleaned, or it is
 * marked "not cleaned" for the unit and the reporter is told (issue 7, item 4). */

const ctx = portalWithUnitKey({ POW_MAX: '5000' });

const heic = () => ({ name: 'iphone.heic', mimeType: 'image/heic', buffer: heicLike() });
const twoInOne = async () => ({
	name: 'two-in-one.jpg',
	mimeType: 'image/jpeg',
	buffer: await jpegWithSecondImage()
});

async function sentReport(page: Page, before: Set<string>) {
	await expect(page.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible({
		timeout: 60_000
	});
	const stored = readReports(ctx.portal.dbPath).find((r) => !before.has(r.id));
	if (!stored) {
		throw new Error('report not stored');
	}
	return openStoredReport(ctx.portal.dbPath, ctx.unit, stored);
}

const ids = () => new Set(readReports(ctx.portal.dbPath).map((r) => r.id));

test('with JavaScript, a photo the browser cannot clean is named before sending and marked', async ({
	page
}) => {
	test.setTimeout(120_000);
	const before = ids();
	await page.goto(ctx.portal.url + '/report');
	await fillReport(page, { js: true, full: false });
	await page.getByRole('button', { name: 'Back' }).click();
	await page.getByLabel('Choose files').setInputFiles([heic(), await twoInOne()]);
	const chosen = page.getByRole('listitem');
	await expect(chosen.filter({ hasText: 'iphone.heic' })).toContainText('cannot be cleaned');
	await expect(chosen.filter({ hasText: 'two-in-one.jpg' })).toContainText('will be cleaned');
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByRole('button', { name: 'Send my report' }).click();

	const { body, files } = await sentReport(page, before);
	const metas = (body as { files: FileMeta[] }).files;
	expect(metas.map((m) => [m.name, m.cleaned])).toEqual([
		['iphone.heic', false],
		['two-in-one.jpg', true]
	]);
	expect(await gpsAnywhere(files[1])).toEqual([]);
});

test('without JavaScript, pictures are redrawn or marked, and the reporter is told', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		const before = ids();
		await page.goto(ctx.portal.url + '/report');
		await expect(
			page.getByText('an iPhone HEIC photo, is sent as it is, and the unit is told')
		).toBeVisible();
		await fillReport(page, { js: false, full: false, files: [await twoInOne(), heic()] });
		await page.getByRole('button', { name: 'Send my report' }).click();
		const { body, files } = await sentReport(page, before);
		await expect(page.getByText(/We could not clean "iphone\.heic"/)).toBeVisible();

		const metas = (body as { files: FileMeta[] }).files;
		expect(metas.map((m) => [m.name, m.cleaned])).toEqual([
			['two-in-one.jpg', true],
			['iphone.heic', false]
		]);
		expect(await gpsAnywhere(files[0])).toEqual([]);
	} finally {
		await context.close();
	}
});
