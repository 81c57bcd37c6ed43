import { toBase64url } from '../crypto/encoding';
import { sealReport, type SealedReport } from '../crypto/report-box';
import {
	deriveReporterSecrets,
	generateReportCode,
	type ReporterSecrets
} from '../crypto/report-code';
import type { Sodium } from '../crypto/sodium';
import type { ReportPayload } from './api';
import type { Envelope } from './envelope';

/** The JSON API v1 report (DESIGN §6). The envelope's type is left open so that tests can also
 * send envelopes the schema refuses. */
export type ReportPayloadOf<E> = Omit<ReportPayload, 'envelope'> & { envelope: E };

/** The API payload of a sealed report: what the reporter's side sends, all of it ciphertext but
 * the envelope, the reporter's public key and the hash of the lookup. */
export const reportPayload = <E = Envelope>(
	unitKeyId: string,
	envelope: E,
	sealed: SealedReport,
	reporter: Pick<ReporterSecrets, 'publicKey' | 'lookupHash'>
): ReportPayloadOf<E> => ({
	v: 1,
	unit_key_id: unitKeyId,
	envelope,
	nonce: toBase64url(sealed.nonce),
	ciphertext: toBase64url(sealed.ciphertext),
	key_for_unit: toBase64url(sealed.keyForUnit),
	key_for_reporter: toBase64url(sealed.keyForReporter),
	reporter_pk: toBase64url(reporter.publicKey),
	lookup_hash: toBase64url(reporter.lookupHash)
});

/**
 * DESIGN §5.1–5.2 up to the payload: the report code (a fresh one unless given, normalized), the
 * reporter's secrets derived from it, and the body sealed under the envelope to the unit and to
 * the reporter. The caller still holds K (`sealed.key`, for the attachments) and the reporter's
 * private key, and must zero them when done.
 */
export function sealReportPayload<E = Envelope>(
	sodium: Sodium,
	args: {
		body: unknown;
		envelope: E;
		unitKeyId: string;
		unitPublicKey: Uint8Array;
		code?: string | undefined;
	}
) {
	const code = args.code ?? generateReportCode(sodium);
	const reporter = deriveReporterSecrets(sodium, code);
	const sealed = sealReport(sodium, {
		body: args.body,
		envelope: args.envelope,
		unitKeyId: args.unitKeyId,
		unitPublicKey: args.unitPublicKey,
		reporterPublicKey: reporter.publicKey
	});
	const payload = reportPayload(args.unitKeyId, args.envelope, sealed, reporter);
	return { code, reporter, sealed, payload };
}
