import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { encryptFile } from '../../src/lib/crypto/file-stream';
import { sealReport } from '../../src/lib/crypto/report-box';
import { deriveReporterSecrets, generateReportCode } from '../../src/lib/crypto/report-code';
import { getSodium } from '../../src/lib/crypto/sodium';
import type { TestUnit } from './unit-keyring';

/** A JSON API v1 client as another organisation's app would write it (see the README). */

export const sampleEnvelope = () => ({
	v: 1 as const,
	types: ['robbery'],
	area: 'cheltenham',
	month: '2026-10',
	under18: 'no',
	reporter: 'self',
	warn: false,
	police: 'intelligence',
	lang: 'en',
	attachments: 0
});

export const sampleBody = (narrative = 'He took my phone.') => ({ v: 1, narrative });

export async function solvePow(portalUrl: string) {
	const challenge = (await (await fetch(portalUrl + '/api/v1/pow')).json()) as Challenge;
	const solution = await solveChallenge({ challenge, deriveKey });
	return { challenge, solution };
}

/** A valid sealed submission: the payload object, its files and the code that opens it. */
export async function sealedSubmission(
	unit: TestUnit,
	opts: { code?: string; envelope?: Record<string, unknown>; files?: Uint8Array[] } = {}
) {
	const sodium = await getSodium();
	const code = opts.code ?? generateReportCode(sodium);
	const secrets = deriveReporterSecrets(sodium, code);
	const files = opts.files ?? [];
	const envelope = opts.envelope ?? { ...sampleEnvelope(), attachments: files.length };
	const sealed = sealReport(sodium, {
		body: sampleBody(),
		envelope,
		unitKeyId: unit.id,
		unitPublicKey: unit.publicKey,
		reporterPublicKey: secrets.publicKey
	});
	const report = {
		v: 1,
		unit_key_id: unit.id,
		envelope,
		nonce: toBase64url(sealed.nonce),
		ciphertext: toBase64url(sealed.ciphertext),
		key_for_unit: toBase64url(sealed.keyForUnit),
		key_for_reporter: toBase64url(sealed.keyForReporter),
		reporter_pk: toBase64url(secrets.publicKey),
		lookup_hash: toBase64url(secrets.lookupHash)
	};
	const attachments = files.map((f, i) => encryptFile(sodium, sealed.key, i, 'rptfile1', f));
	return { code, report, attachments, secrets };
}

/** Posts a multipart body the way a non-browser client must: with the portal's Origin. */
export function postMultipart(portalUrl: string, path: string, body: FormData) {
	return fetch(portalUrl + path, { method: 'POST', body, headers: { origin: portalUrl } });
}

export async function submitReport(
	portalUrl: string,
	unit: TestUnit,
	opts: { code?: string; envelope?: Record<string, unknown>; files?: Uint8Array[] } = {}
) {
	const submission = await sealedSubmission(unit, opts);
	const body = new FormData();
	body.append('report', JSON.stringify(submission.report));
	body.append('pow', JSON.stringify(await solvePow(portalUrl)));
	submission.attachments.forEach((a, i) =>
		body.append(`attachment${i}`, new Blob([a as Uint8Array<ArrayBuffer>]))
	);
	const res = await postMultipart(portalUrl, '/api/v1/reports', body);
	return { ...submission, res };
}
