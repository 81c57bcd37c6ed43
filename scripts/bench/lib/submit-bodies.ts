import { randomBytes } from 'node:crypto';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { toBase64url } from '../../../src/lib/crypto/encoding';
import { encryptFile } from '../../../src/lib/crypto/file-stream';
import { getSodium } from '../../../src/lib/crypto/sodium';
import { sealReportPayload } from '../../../src/lib/report/payload';
import { sampleEnvelope } from '../../../tests/support/api-client';

/** One prepared request for the load generator. */
export interface BenchRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: Buffer;
}

const AREAS = ['cheltenham', 'gloucester'];
const TYPES = ['robbery', 'non_payment', 'threats', 'physical_assault'];

/** A multipart/form-data body, byte for byte what a client sends. */
function multipart(parts: [name: string, value: string | Uint8Array][]): {
	body: Buffer;
	type: string;
} {
	const boundary = '----bench' + randomBytes(12).toString('hex');
	const chunks: Buffer[] = [];
	for (const [name, value] of parts) {
		const file = typeof value !== 'string';
		chunks.push(
			Buffer.from(
				`--${boundary}\r\ncontent-disposition: form-data; name="${name}"` +
					(file ? `; filename="blob"\r\ncontent-type: application/octet-stream` : '') +
					'\r\n\r\n'
			),
			Buffer.from(value),
			Buffer.from('\r\n')
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * `count` distinct reports sealed with the real protocol, each 4–16 KiB on the wire (one in four
 * carries a small encrypted file), each with its own solved proof of work from the portal, and the
 * status look-up each one's reporter would send.
 */
export async function prepareSubmissions(
	portalUrl: string,
	unit: { id: string; publicKey: Uint8Array },
	count: number
): Promise<{ submissions: BenchRequest[]; lookups: BenchRequest[] }> {
	const sodium = await getSodium();
	const submissions: BenchRequest[] = [];
	const lookups: BenchRequest[] = [];
	const headers = { origin: portalUrl };
	for (let i = 0; i < count; i++) {
		const target = 4096 + Math.floor(Math.random() * 12 * 1024);
		const withFile = i % 4 === 0;
		const fileBytes = withFile ? 1024 + Math.floor(Math.random() * 2048) : 0;
		// base64url grows the sealed narrative by 4/3; the rest of the body and padding take about 2.3 KiB.
		const length = Math.max(64, Math.floor(((target - fileBytes - 2400) * 3) / 4));
		const narrative = randomBytes(Math.ceil(length / 2))
			.toString('hex')
			.slice(0, length);
		const files = withFile ? [new Uint8Array(randomBytes(fileBytes))] : [];
		const { reporter, sealed, payload } = sealReportPayload(sodium, {
			body: { v: 1, narrative: `[BENCH] ${narrative}` },
			envelope: {
				...sampleEnvelope(),
				area: AREAS[i % AREAS.length],
				types: [TYPES[i % TYPES.length]],
				attachments: files.length
			},
			unitKeyId: unit.id,
			unitPublicKey: unit.publicKey
		});
		const attachments = files.map((f, idx) => encryptFile(sodium, sealed.key, idx, 'rptfile1', f));
		const challenge = (await (await fetch(portalUrl + '/api/v1/pow')).json()) as Challenge;
		const solution = await solveChallenge({ challenge, deriveKey });
		const { body, type } = multipart([
			['report', JSON.stringify(payload)],
			['pow', JSON.stringify({ challenge, solution })],
			...attachments.map((a, idx): [string, Uint8Array] => [`attachment${idx}`, a])
		]);
		submissions.push({
			method: 'POST',
			path: '/api/v1/reports',
			headers: { ...headers, 'content-type': type },
			body
		});
		lookups.push({
			method: 'POST',
			path: '/api/v1/status',
			headers: { ...headers, 'content-type': 'application/json' },
			body: Buffer.from(JSON.stringify({ lookup: toBase64url(reporter.lookup) }))
		});
	}
	return { submissions, lookups };
}
