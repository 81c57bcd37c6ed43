import { encryptFile } from '../../crypto/file-stream';
import { formatReportCode } from '../../crypto/report-code';
import type { Sodium } from '../../crypto/sodium';
import type { UnitKeyInfo } from '../../api/unit-key';
import type { ReportPayload } from '../api';
import type { ReportBody } from '../body';
import type { Envelope } from '../envelope';
import { AEAD_TAG, MAX_PADDED_REPORT } from '../limits';
import { sealReportPayload } from '../payload';
import type { ProofOfWork } from './pow';

export class ReportTooLong extends Error {}

/**
 * DESIGN §5.1–5.2 in the reporter's browser: a fresh report code, a fresh K, the body sealed under
 * the envelope, K sealed to the unit and to the reporter, files streamed under subkeys of K.
 * The code stays here; only ciphertext and the lookup hash go to the server.
 */
export function sealInBrowser(
	sodium: Sodium,
	args: {
		envelope: Envelope;
		body: ReportBody;
		files: Uint8Array[];
		unitKey: UnitKeyInfo;
		unitPublicKey: Uint8Array;
	}
) {
	const {
		code,
		reporter,
		sealed,
		payload: report
	} = sealReportPayload(sodium, {
		body: args.body,
		envelope: args.envelope,
		unitKeyId: args.unitKey.id,
		unitPublicKey: args.unitPublicKey
	});
	if (sealed.ciphertext.length > MAX_PADDED_REPORT + AEAD_TAG) {
		sodium.memzero(sealed.key);
		throw new ReportTooLong();
	}
	const attachments = args.files.map((bytes, i) =>
		encryptFile(sodium, sealed.key, i, 'rptfile1', bytes)
	);
	sodium.memzero(sealed.key);
	sodium.memzero(reporter.privateKey);
	return { code: formatReportCode(code), report, attachments };
}

/** The multipart body of POST /api/v1/reports. */
export function reportRequestBody(
	report: ReportPayload,
	pow: ProofOfWork,
	attachments: Uint8Array[]
) {
	const body = new FormData();
	body.append('report', JSON.stringify(report));
	body.append('pow', JSON.stringify(pow));
	attachments.forEach((bytes, i) =>
		body.append(`attachment${i}`, new Blob([bytes as Uint8Array<ArrayBuffer>]), `attachment${i}`)
	);
	return body;
}
