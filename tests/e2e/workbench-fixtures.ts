import { crc32, deflateSync } from 'node:zlib';
import { submitReport } from '../support/api-client';
import { fromBase64url } from '../../src/lib/crypto/encoding';

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
	files: { name: string; type: string; bytes: Buffer; cleaned?: boolean }[];
}

export function reportBody(o: {
	narrative: string;
	location: string;
	name: string;
	phone: string;
	email?: string;
	registration?: string;
	files: { name: string; type: string; bytes: Buffer; cleaned?: boolean }[];
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
		files: o.files.map((f) => ({
			name: f.name,
			type: f.type,
			size: f.bytes.length,
			...(f.cleaned === undefined ? {} : { cleaned: f.cleaned })
		}))
	};
}

export async function submit(portalUrl: string, report: TestReport) {
	const unitKey = (await (await fetch(portalUrl + '/api/v1/unit-key')).json()) as {
		id: string;
		public_key: string;
	};
	const sent = await submitReport(
		portalUrl,
		{ id: unitKey.id, publicKey: fromBase64url(unitKey.public_key) },
		{
			envelope: { ...report.envelope, attachments: report.files.length },
			body: report.body,
			files: report.files.map((f) => new Uint8Array(f.bytes))
		}
	);
	if (sent.res.status !== 201) {
		throw new Error(`report refused: ${sent.res.status} ${await sent.res.text()}`);
	}
	const { ref } = (await sent.res.json()) as { ref: string };
	return { ref, code: sent.code };
}
