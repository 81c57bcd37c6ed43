import { expect, test, type Request } from '@playwright/test';
import Database from 'better-sqlite3';
import exifr from 'exifr';
import { portalWithUnitKey } from './support/unit-portal';
import { makeGpsJpeg } from '../support/gps-jpeg';
import { watchPageErrors } from '../support/page-errors';
import { startRecordingProxy } from '../support/recording-proxy';
import { expectedFullBody, fillReport, SENTINEL } from '../support/report-form';
import { openStoredReport, readReports } from '../support/unit-keyring';

const ctx = portalWithUnitKey({ POW_MAX: '5000' });

test('a report is encrypted in the browser: nothing typed leaves it, and the unit can open it', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const photo = await makeGpsJpeg(browser);
	// The test photo really does carry a position, so the check below can fail.
	expect((await exifr.gps(photo))?.latitude).toBeCloseTo(51.867, 2);

	const requests: Request[] = [];
	page.on('request', (r) => requests.push(r));
	const pageErrors = watchPageErrors(page);

	// Everything the browser sends goes through a proxy that keeps the raw bytes.
	const proxy = await startRecordingProxy(ctx.portal.url);
	await page.goto(proxy.url + '/report');
	await expect(page.getByText('Step 1 of 7')).toBeVisible();
	await fillReport(page, {
		js: true,
		full: true,
		files: [{ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo }]
	});

	await expect(page.getByRole('heading', { name: /Check and send/ })).toBeFocused();
	await expect(page.getByRole('heading', { name: 'Locked on your device' })).toBeVisible();
	await expect(page.getByText(`${SENTINEL} narrative`)).toBeVisible();
	await page.getByRole('button', { name: 'Send my report' }).click();
	await expect(page.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible({
		timeout: 60_000
	});
	const code = (await page.locator('#report-code').textContent())!.trim();
	expect(code).toMatch(/^([0-9A-Z]{5}-){4}[0-9A-Z]{5}$/);

	// Nothing the reporter typed, and not the code, left the browser: not in a URL, header or body.
	await proxy.close();
	const compact = code.replace(/-/g, '');
	expect(requests.length).toBeGreaterThan(0);
	for (const request of requests) {
		const headers = JSON.stringify(await request.allHeaders());
		for (const secret of [SENTINEL, compact, code]) {
			expect(request.url()).not.toContain(secret);
			expect(headers).not.toContain(secret);
			expect(request.postData() ?? '').not.toContain(secret);
		}
	}
	expect(proxy.records.length).toBeGreaterThanOrEqual(requests.length);
	for (const record of proxy.records) {
		const raw = Buffer.concat([
			Buffer.from(record.path + JSON.stringify(record.headers)),
			record.body
		]);
		for (const secret of [SENTINEL, compact, code]) {
			expect(raw.includes(Buffer.from(secret)), `${record.path} carries ${secret}`).toBe(false);
		}
	}
	// The report did go out, as ciphertext and an encrypted photo at least as big as the photo.
	const sent = proxy.records.filter((r) => r.method === 'POST' && r.path === '/api/v1/reports');
	expect(sent).toHaveLength(1);
	expect(sent[0].body.includes(Buffer.from('"ciphertext"'))).toBe(true);
	expect(sent[0].body.length).toBeGreaterThan(photo.length);
	expect(pageErrors).toEqual([]);

	// The unit opens exactly what was entered.
	const [stored] = readReports(ctx.portal.dbPath);
	expect(stored.sealed_by).toBe('browser');
	expect(stored.status).toBe('new');
	expect(stored.team).toBe('Liaison');
	const opened = await openStoredReport(ctx.portal.dbPath, ctx.unit, stored);
	expect(opened.envelope).toEqual({
		v: 1,
		types: ['physical_assault', 'robbery'],
		area: 'gloucester',
		month: '2026-11',
		under18: 'no',
		reporter: 'outreach',
		warn: true,
		police: 'contact',
		lang: 'en',
		attachments: 1
	});
	expect(opened.files).toHaveLength(1);
	expect(opened.body).toEqual(
		expectedFullBody([
			{ name: 'photo.jpg', type: 'image/jpeg', size: opened.files[0].length, cleaned: true }
		])
	);

	// The photo is still a JPEG, with no EXIF at all.
	const image = Buffer.from(opened.files[0]);
	expect(image.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
	const metadata = { tiff: true, exif: true, gps: true, ifd1: true, xmp: true, iptc: true };
	expect((await exifr.parse(photo, metadata))?.Make).toBe('TestPhone');
	// (A canvas re-encode keeps only JFIF and an sRGB colour profile, which say nothing about anyone.)
	expect(await exifr.parse(image, metadata).catch(() => undefined)).toBeUndefined();
	expect(await exifr.gps(image).catch(() => undefined)).toBeUndefined();

	// The server cannot change the envelope it can read: the unit's decryption then fails.
	const db = new Database(ctx.portal.dbPath);
	db.prepare('update reports set envelope_json = ? where id = ?').run(
		stored.envelope_json.replace('"warn":true', '"warn":false'),
		stored.id
	);
	db.close();
	const [altered] = readReports(ctx.portal.dbPath);
	expect(altered.envelope_json).not.toBe(stored.envelope_json);
	await expect(openStoredReport(ctx.portal.dbPath, ctx.unit, altered)).rejects.toThrow();
});
