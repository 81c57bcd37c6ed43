import type { Sodium } from '../../crypto/sodium';
import type { ReportPayload } from '../../report/api';
import { sealReportPayload } from '../../report/payload';
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
	const { code, sealed, payload } = sealReportPayload(sodium, {
		body,
		envelope,
		unitKeyId: unit.id,
		unitPublicKey: unit.publicKey
	});
	sodium.memzero(sealed.key);
	return { payload, code };
}
