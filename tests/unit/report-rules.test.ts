import exifr from 'exifr';
import piexif from 'piexifjs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { encryptedFileSize } from '../../src/lib/crypto/file-stream';
import { getSodium } from '../../src/lib/crypto/sodium';
import { ReportPayloadSchema } from '../../src/lib/report/api';
import { emptyDraft, parseDraft } from '../../src/lib/report/form';
import { encryptedSize, MAX_ENCRYPTED_FILE, MAX_FILE_BYTES } from '../../src/lib/report/limits';
import { routeReport } from '../../src/lib/report/routing';
import { statusInWords } from '../../src/lib/report/status-labels';
import { stripImageMetadata } from '../../src/lib/server/reports/strip-metadata';

describe('routing (DESIGN §4)', () => {
	it('sends a possible child to CSE, urgent, with the safeguarding flag, whatever else', () => {
		for (const under18 of ['yes', 'unsure'] as const) {
			expect(routeReport({ types: ['rape', 'coercion'], under18 })).toEqual({
				team: 'CSE',
				safeguarding: true,
				priority: 1
			});
		}
	});
	it('sends sexual offences to RASSO, coercion to Exploitation, the rest to Liaison', () => {
		for (const t of ['rape', 'sexual_assault', 'stealthing'] as const) {
			expect(routeReport({ types: ['robbery', t], under18: 'no' }).team).toBe('RASSO');
		}
		expect(routeReport({ types: ['coercion', 'threats'], under18: 'no' })).toEqual({
			team: 'Exploitation',
			safeguarding: false,
			priority: 0
		});
		expect(routeReport({ types: ['non_payment'], under18: 'no' }).team).toBe('Liaison');
	});
});

describe('the form (shared by browser and server)', () => {
	const base = () => ({
		...emptyDraft('2026-11'),
		types: ['robbery'],
		area: 'stroud',
		warn: 'no',
		police: 'none'
	});
	it('asks for the few things it needs', () => {
		const parsed = parseDraft(emptyDraft('2026-11'), []);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(Object.keys(parsed.errors).sort()).toEqual(['area', 'police', 'types', 'warn']);
		}
	});
	it('takes the month from the date, and an under-18 age band as a yes', () => {
		const parsed = parseDraft({ ...base(), date: '2026-03-04', age_band: 'under_18' }, []);
		expect(parsed.ok && parsed.envelope).toMatchObject({ month: '2026-03', under18: 'yes' });
		const adult = parseDraft(base(), []);
		expect(adult.ok && adult.envelope.under18).toBe('no');
	});
	it('drops empty rows and keeps third-party details only for someone else', () => {
		const parsed = parseDraft({ ...base(), phone: ['', '0700', ''], tp_organisation: 'X' }, []);
		expect(parsed.ok && parsed.body.offender.phones).toEqual(['0700']);
		expect(parsed.ok && parsed.body.third_party).toBeNull();
	});
});

describe('limits and labels', () => {
	it('matches the encrypted file size libsodium gives', async () => {
		const sodium = await getSodium();
		for (const n of [0, 1, 65535, 65536, 65537, MAX_FILE_BYTES]) {
			expect(encryptedSize(n)).toBe(encryptedFileSize(sodium, n));
		}
		expect(MAX_ENCRYPTED_FILE).toBe(encryptedFileSize(sodium, MAX_FILE_BYTES));
	});
	it('says the status in words, withdrawn first', () => {
		expect(statusInWords('awaiting_reporter', null).label).toBe('Waiting for your reply');
		expect(statusInWords('in_review', '2026-11-01T00:00:00Z').label).toBe('Withdrawn');
	});
	it('refuses an envelope with an extra key', () => {
		const result = v.safeParse(ReportPayloadSchema.entries.envelope, {
			v: 1,
			types: ['robbery'],
			area: 'stroud',
			month: '2026-11',
			under18: 'no',
			reporter: 'self',
			warn: false,
			police: 'none',
			lang: 'en',
			attachments: 0,
			narrative: 'smuggled'
		});
		expect(result.success).toBe(false);
	});
});

describe('server-side metadata stripping (no-JavaScript photos)', () => {
	// A 1x1 JPEG (baseline) to carry EXIF.
	const jpeg = Buffer.from(
		'/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
		'base64'
	);
	it('removes EXIF with GPS from a JPEG and keeps the picture data', async () => {
		const exif = piexif.dump({
			'0th': { [piexif.ImageIFD.Make]: 'TestPhone' },
			GPS: {
				[piexif.GPSIFD.GPSLatitudeRef]: 'N',
				[piexif.GPSIFD.GPSLatitude]: [
					[51, 1],
					[52, 1],
					[2, 1]
				]
			}
		});
		const withExif = Buffer.from(piexif.insert(exif, jpeg.toString('binary')), 'binary');
		expect((await exifr.parse(withExif, { tiff: true, gps: true }))?.Make).toBe('TestPhone');
		const stripped = Buffer.from(stripImageMetadata(new Uint8Array(withExif)));
		expect(
			await exifr.parse(stripped, { tiff: true, gps: true, exif: true }).catch(() => undefined)
		).toBeUndefined();
		expect(stripped.subarray(-20)).toEqual(withExif.subarray(-20));
		expect(stripped.length).toBeLessThan(withExif.length);
	});
	it('drops text and EXIF chunks from a PNG', () => {
		const chunk = (type: string, data: Buffer) => {
			const len = Buffer.alloc(4);
			len.writeUInt32BE(data.length);
			return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]);
		};
		const png = Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', Buffer.alloc(13)),
			chunk('tEXt', Buffer.from('Location\0Gloucester')),
			chunk('eXIf', Buffer.from('MM\0*')),
			chunk('IDAT', Buffer.alloc(8)),
			chunk('IEND', Buffer.alloc(0))
		]);
		const stripped = Buffer.from(stripImageMetadata(new Uint8Array(png)));
		expect(stripped.includes(Buffer.from('Gloucester'))).toBe(false);
		expect(stripped.includes(Buffer.from('eXIf'))).toBe(false);
		expect(stripped.includes(Buffer.from('IDAT'))).toBe(true);
	});
	it('leaves other files alone', () => {
		const pdf = new Uint8Array(Buffer.from('%PDF-1.4 author: me'));
		expect(stripImageMetadata(pdf)).toBe(pdf);
	});
});
