import type { Sodium } from './sodium';
import { canonical, utf8 } from './encoding';

/** DESIGN §5.7: a policy-deviation rationale, signed in the member's browser. */
export interface DeviationRecord {
	v: 1;
	kind: 'policy_deviation';
	staff_id: string;
	at: string;
	report_ref: string | null;
	text: string;
}

export const signRecord = (sodium: Sodium, record: DeviationRecord, signSecretKey: Uint8Array) =>
	sodium.crypto_sign_detached(utf8(canonical(record)), signSecretKey);

export function verifyRecord(
	sodium: Sodium,
	record: DeviationRecord,
	signature: Uint8Array,
	signPublicKey: Uint8Array
): boolean {
	try {
		return sodium.crypto_sign_verify_detached(signature, utf8(canonical(record)), signPublicKey);
	} catch {
		return false;
	}
}
