import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { encryptFile } from '../../src/lib/crypto/file-stream';
import { getSodium } from '../../src/lib/crypto/sodium';
import { sealReportPayload } from '../../src/lib/report/payload';
import type { TestUnit } from './unit-keyring';

/** What a client needs of the unit: its key id and public key. */
type UnitPublicKey = Pick<TestUnit, 'id' | 'publicKey'>;

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

export interface SubmissionOptions {
	/** A normalized report code; a fresh one if not given. */
	code?: string;
	envelope?: Record<string, unknown>;
	body?: unknown;
	files?: Uint8Array[];
}

/** A valid sealed submission: the payload object, its files and the code that opens it. */
export async function sealedSubmission(unit: UnitPublicKey, opts: SubmissionOptions = {}) {
	const sodium = await getSodium();
	const files = opts.files ?? [];
	const envelope = opts.envelope ?? { ...sampleEnvelope(), attachments: files.length };
	const { code, reporter, sealed, payload } = sealReportPayload(sodium, {
		code: opts.code,
		body: opts.body ?? sampleBody(),
		envelope,
		unitKeyId: unit.id,
		unitPublicKey: unit.publicKey
	});
	const attachments = files.map((f, i) => encryptFile(sodium, sealed.key, i, 'rptfile1', f));
	return { code, report: payload, attachments, secrets: reporter };
}

/** Posts a multipart body the way a non-browser client must: with the portal's Origin. */
export function postMultipart(portalUrl: string, path: string, body: FormData) {
	return fetch(portalUrl + path, { method: 'POST', body, headers: { origin: portalUrl } });
}

export async function submitReport(
	portalUrl: string,
	unit: UnitPublicKey,
	opts: SubmissionOptions = {}
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
