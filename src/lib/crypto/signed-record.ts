import type { Sodium } from './sodium';
import { canonical, toBase64url, utf8 } from './encoding';

/** DESIGN §5.7: a policy-deviation rationale, signed in the member's browser. */
export interface DeviationRecordV1 {
	v: 1;
	kind: 'policy_deviation';
	staff_id: string;
	at: string;
	report_ref: string | null;
	text: string;
}

/** Version 2 also names the line manager the deviation is raised with (docs/decisions.md,
 * "Deviation records name a line manager"). Signing it makes the choice part of the record: the
 * server cannot later address it to someone else. Version 1 records stay valid as they were. */
export interface DeviationRecordV2 extends Omit<DeviationRecordV1, 'v'> {
	v: 2;
	line_manager_id: string;
}

export type DeviationRecord = DeviationRecordV1 | DeviationRecordV2;

/** The line manager a record names, or null for a version 1 record, which names none. */
export const lineManagerOf = (record: Partial<DeviationRecord>): string | null =>
	record.v === 2 && typeof record.line_manager_id === 'string' ? record.line_manager_id : null;

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

/** What a countersignature binds the record by: `base64url(crypto_generichash(32, bytes))` over
 * the exact bytes the author signed (the stored canonical `record_json`). Any change to the
 * record, even one that keeps its meaning, makes a countersignature over it fail. */
export const recordHash = (sodium: Sodium, recordJson: string): string =>
	toBase64url(sodium.crypto_generichash(32, utf8(recordJson), null));

/** A line manager's acknowledgement of one deviation record, signed as the record is. */
export interface Countersignature {
	v: 1;
	kind: 'deviation_countersignature';
	deviation_id: string;
	record_hash: string;
	staff_id: string;
	at: string;
	/** Empty when the line manager adds nothing. */
	comment: string;
}

export const signCountersignature = (
	sodium: Sodium,
	body: Countersignature,
	signSecretKey: Uint8Array
) => sodium.crypto_sign_detached(utf8(canonical(body)), signSecretKey);

export function verifyCountersignature(
	sodium: Sodium,
	body: Countersignature,
	signature: Uint8Array,
	signPublicKey: Uint8Array
): boolean {
	try {
		return sodium.crypto_sign_verify_detached(signature, utf8(canonical(body)), signPublicKey);
	} catch {
		return false;
	}
}
