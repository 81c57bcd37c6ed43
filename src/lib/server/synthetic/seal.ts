import { toBase64url } from '../../crypto/encoding';
import { deriveReporterSecrets, generateReportCode } from '../../crypto/report-code';
import { sealReport } from '../../crypto/report-box';
import type { Sodium } from '../../crypto/sodium';
import type { ReportPayload } from '../../report/api';
import { syntheticReport } from './generate';

/**
 * A synthetic report sealed exactly as a reporter's browser seals one (DESIGN §5.1–5.2), to the
 * given unit key. Returns the report code too, so a demo can show the reporter's side.
 */
export function sealSyntheticReport(
	sodium: Sodium,
	unit: { id: string; publicKey: Uint8Array },
	seed: number,
	options: Parameters<typeof syntheticReport>[2] = {}
): { payload: ReportPayload; code: string } {
	const { envelope, body } = syntheticReport(sodium, seed, options);
	const code = generateReportCode(sodium);
	const reporter = deriveReporterSecrets(sodium, code);
	const sealed = sealReport(sodium, {
		body,
		envelope,
		unitKeyId: unit.id,
		unitPublicKey: unit.publicKey,
		reporterPublicKey: reporter.publicKey
	});
	const payload: ReportPayload = {
		v: 1,
		unit_key_id: unit.id,
		envelope,
		nonce: toBase64url(sealed.nonce),
		ciphertext: toBase64url(sealed.ciphertext),
		key_for_unit: toBase64url(sealed.keyForUnit),
		key_for_reporter: toBase64url(sealed.keyForReporter),
		reporter_pk: toBase64url(reporter.publicKey),
		lookup_hash: toBase64url(reporter.lookupHash)
	};
	sodium.memzero(sealed.key);
	return { payload, code };
}
