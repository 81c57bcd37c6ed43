import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileMeta } from '../../src/lib/report/body';
import { cleanFile } from '../../src/lib/server/reports/clean-picture';
import { addReporterMessage } from '../../src/lib/server/reports/reporter-access';
import { sealOnServer } from '../../src/lib/server/reports/server-seal';
import { sealReporterMessageOnServer } from '../../src/lib/server/reports/server-status';
import {
	gpsAnywhere,
	heicLike,
	jpegWithSecondImage,
	jpegWithStrayByte,
	pngWithExif
} from '../support/gps-pictures';
import {
	openStoredMessages,
	openStoredReport,
	readReports,
	type StoredReport
} from '../support/unit-keyring';
import { onPostgres } from './support/db';
import { minimalDraft, reporterPortal } from './support/reporter';

/** Photo cleaning on the no-JavaScript path fails closed (issue 7, item 4). */

let portal: Awaited<ReturnType<typeof reporterPortal>>;
let samples: File[];
beforeAll(async () => {
	portal = await reporterPortal();
	samples = [
		new File([new Uint8Array(await jpegWithSecondImage())], 'two-in-one.jpg', {
			type: 'image/jpeg'
		}),
		new File([new Uint8Array(await jpegWithStrayByte())], 'stray-byte.jpg', { type: 'image/jpeg' }),
		new File([new Uint8Array(heicLike())], 'iphone.heic', { type: 'image/heic' }),
		new File([new Uint8Array(await pngWithExif())], 'screenshot.png', { type: 'image/png' })
	];
});
afterAll(() => portal.close());

/** Each file is either cleaned with no GPS left anywhere in it, or marked not cleaned. */
async function expectCleanedOrMarked(metas: FileMeta[], files: Uint8Array[]) {
	expect(metas.map((m) => [m.name, m.cleaned])).toEqual([
		['two-in-one.jpg', true],
		['stray-byte.jpg', true],
		['iphone.heic', false],
		['screenshot.png', true]
	]);
	for (const [i, meta] of metas.entries()) {
		if (meta.cleaned) {
			expect(await gpsAnywhere(files[i]), meta.name).toEqual([]);
		}
		expect(meta.size).toBe(files[i].length);
	}
	// The picture is still there: the cleaned JPEG of the first sample is one decodable image.
	expect(Buffer.from(files[0].subarray(0, 3))).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
}

// Reads the stored report from the SQLite file itself (tests/support/unit-keyring.ts).
describe.skipIf(onPostgres)('photo cleaning without JavaScript', () => {
	it('every sample carries GPS as sent', async () => {
		for (const file of samples) {
			expect(
				(await gpsAnywhere(new Uint8Array(await file.arrayBuffer()))).length,
				file.name
			).toBeGreaterThan(0);
		}
	});

	it('a report: pictures are redrawn without GPS, or kept and marked not cleaned', async () => {
		const before = new Set(readReports(portal.path).map((r) => r.id));
		const result = await sealOnServer(portal.db, minimalDraft(), samples);
		expect(result).toMatchObject({ ok: true, notCleaned: ['iphone.heic'] });
		const stored = readReports(portal.path).find((r) => !before.has(r.id)) as StoredReport;
		const { body, files } = await openStoredReport(portal.path, portal.unit, stored);
		await expectCleanedOrMarked((body as { files: FileMeta[] }).files, files);
	});

	it('a message from the status page: the same', async () => {
		const { report } = await portal.addReport();
		const sealed = await sealReporterMessageOnServer(report, portal.db, 'more_info', '', samples);
		expect(sealed.notCleaned).toEqual(['iphone.heic']);
		await addReporterMessage(portal.db, report, sealed);
		const stored = readReports(portal.path).find((r) => r.id === report.id) as StoredReport;
		const [message] = await openStoredMessages(portal.path, portal.unit, stored);
		await expectCleanedOrMarked((message.body as { files: FileMeta[] }).files, message.files);
	});

	it('other files pass unchanged, with no cleaning promised', async () => {
		const pdf = new File(['%PDF-1.4 Author: Jane'], 'statement.pdf', { type: 'application/pdf' });
		const { report } = await portal.addReport();
		const sealed = await sealReporterMessageOnServer(report, portal.db, 'reply', 'see file', [pdf]);
		await addReporterMessage(portal.db, report, sealed);
		const stored = readReports(portal.path).find((r) => r.id === report.id) as StoredReport;
		const [message] = await openStoredMessages(portal.path, portal.unit, stored);
		expect((message.body as { files: FileMeta[] }).files).toEqual([
			{ name: 'statement.pdf', type: 'application/pdf', size: pdf.size }
		]);
		expect(Buffer.from(message.files[0]).toString()).toBe('%PDF-1.4 Author: Jane');
	});

	it('never draws what is not a raster picture, even when named like one', async () => {
		const svg = new TextEncoder().encode(
			'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'
		);
		const result = await cleanFile('map.png', 'image/png', svg);
		expect(result.cleaned).toBe(false);
		expect(Buffer.from(result.bytes).equals(Buffer.from(svg))).toBe(true);
	});
});
