import { crc32, deflateSync } from 'node:zlib';
import { solvePow, postMultipart } from '../support/api-client';
import { fromBase64url, toBase64url } from '../../src/lib/crypto/encoding';
import { encryptFile } from '../../src/lib/crypto/file-stream';
import { sealReport } from '../../src/lib/crypto/report-box';
import { deriveReporterSecrets, generateReportCode } from '../../src/lib/crypto/report-code';
import { getSodium } from '../../src/lib/crypto/sodium';

/** Reports for the workbench spec, sealed exactly as the reporter's browser seals them
 * (src/lib/report/browser/seal-report.ts) and sent through the JSON API with proof of work. */

/** A small, valid PNG: a w×h block of one colour. */
export function png(w: number, h: number, rgb: [number, number, number]): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([len, body, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // truecolour
	const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(w).fill(rgb).flat())]);
	const raw = Buffer.concat(Array(h).fill(row));
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

export interface TestReport {
	label: string;
	envelope: Record<string, unknown>;
	body: ReturnType<typeof reportBody>;
	files: { name: string; type: string; bytes: Buffer }[];
}

export function reportBody(o: {
	narrative: string;
	location: string;
	name: string;
	phone: string;
	email?: string;
	registration?: string;
	files: { name: string; type: string; bytes: Buffer }[];
	under18?: boolean;
}) {
	return {
		v: 1,
		incident: {
			date: '2026-11-20',
			time: '23:15',
			when: 'Late on Friday',
			location: o.location,
			narrative: o.narrative,
			injuries: 'Bruised wrist',
			weapon: ''
		},
		offender: {
			name: o.name,
			age_range: '40s',
			appearance: 'Tall, grey beard',
			accent: 'Local',
			phones: [o.phone],
			emails: o.email ? [o.email] : [],
			handles: [],
			vehicles: o.registration
				? [{ make: 'Ford', model: 'Focus', colour: 'Silver', registration: o.registration }]
				: [],
			contact_method: 'Texted after seeing an advert'
		},
		about_you: {
			age_band: o.under18 ? 'under_18' : '25_34',
			vulnerabilities: ['mental_health'],
			notes: ''
		},
		third_party: null,
		contact: {
			preference: 'none',
			phone: '',
			email: '',
			outreach: '',
			safe_times: '',
			leave_message: ''
		},
		files: o.files.map((f) => ({ name: f.name, type: f.type, size: f.bytes.length }))
	};
}

export async function submit(portalUrl: string, report: TestReport) {
	const sodium = await getSodium();
	const unitKey = (await (await fetch(portalUrl + '/api/v1/unit-key')).json()) as {
		id: string;
		public_key: string;
	};
	const code = generateReportCode(sodium);
	const secrets = deriveReporterSecrets(sodium, code);
	const envelope = { ...report.envelope, attachments: report.files.length };
	const sealed = sealReport(sodium, {
		body: report.body,
		envelope,
		unitKeyId: unitKey.id,
		unitPublicKey: fromBase64url(unitKey.public_key),
		reporterPublicKey: secrets.publicKey
	});
	const payload = {
		v: 1,
		unit_key_id: unitKey.id,
		envelope,
		nonce: toBase64url(sealed.nonce),
		ciphertext: toBase64url(sealed.ciphertext),
		key_for_unit: toBase64url(sealed.keyForUnit),
		key_for_reporter: toBase64url(sealed.keyForReporter),
		reporter_pk: toBase64url(secrets.publicKey),
		lookup_hash: toBase64url(secrets.lookupHash)
	};
	const form = new FormData();
	form.append('report', JSON.stringify(payload));
	form.append('pow', JSON.stringify(await solvePow(portalUrl)));
	report.files.forEach((f, i) =>
		form.append(
			`attachment${i}`,
			new Blob([
				encryptFile(
					sodium,
					sealed.key,
					i,
					'rptfile1',
					new Uint8Array(f.bytes)
				) as Uint8Array<ArrayBuffer>
			])
		)
	);
	const res = await postMultipart(portalUrl, '/api/v1/reports', form);
	if (res.status !== 201) throw new Error(`report refused: ${res.status} ${await res.text()}`);
	const { ref } = (await res.json()) as { ref: string };
	return { ref, code };
}
