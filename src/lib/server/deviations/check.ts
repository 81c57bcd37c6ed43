import * as v from 'valibot';
import {
	lineManagerOf,
	recordHash,
	verifyCountersignature,
	verifyRecord,
	type DeviationRecord
} from '../../crypto/signed-record';
import type { Sodium } from '../../crypto/sodium';
import type { DeviationAcknowledgement } from '../../api/records';
import { CountersignatureSchema } from './schema';

/** A stored record as the checks need it. */
export interface StoredDeviation {
	id: string;
	staff_id: string;
	at: string;
	record_json: string;
	signature: Uint8Array;
	sign_pk: Uint8Array;
	line_manager_id: string | null;
}

/** A stored countersignature, with its signer's key, beside the record it acknowledges. */
export interface StoredCountersignature {
	ack_staff_id: string | null;
	ack_at: string | null;
	ack_body_json: string | null;
	ack_signature: Uint8Array | null;
	ack_sign_pk: Uint8Array | null;
	ack_username: string | null;
	line_manager: string | null;
}

/** Checks one stored record: its signature under the author's key, and that the row's author,
 * date and line manager are the ones that were signed. */
export function checkStoredDeviation(
	sodium: Sodium,
	row: StoredDeviation
): { record: Partial<DeviationRecord>; verified: boolean } {
	let record: DeviationRecord;
	try {
		record = JSON.parse(row.record_json);
	} catch {
		return { record: {}, verified: false };
	}
	if (typeof record !== 'object' || record === null) {
		return { record: {}, verified: false };
	}
	const verified =
		record.staff_id === row.staff_id &&
		record.at === row.at &&
		lineManagerOf(record) === row.line_manager_id &&
		verifyRecord(sodium, record, new Uint8Array(row.signature), new Uint8Array(row.sign_pk));
	return { record, verified };
}

/** Checks a stored countersignature: its signature under the countersigner's key, that it names
 * this record and the exact bytes stored for it, and that its row agrees with what was signed and
 * its signer is the line manager the record names. */
export function checkStoredCountersignature(
	sodium: Sodium,
	row: StoredDeviation & StoredCountersignature
): { comment: string; verified: boolean } {
	if (row.ack_body_json === null || row.ack_signature === null || row.ack_sign_pk === null) {
		return { comment: '', verified: false };
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(row.ack_body_json);
	} catch {
		return { comment: '', verified: false };
	}
	const body = v.safeParse(CountersignatureSchema, parsed);
	if (!body.success) {
		return { comment: '', verified: false };
	}
	const b = body.output;
	const verified =
		b.deviation_id === row.id &&
		b.record_hash === recordHash(sodium, row.record_json) &&
		b.staff_id === row.ack_staff_id &&
		b.at === row.ack_at &&
		row.ack_staff_id === row.line_manager_id &&
		verifyCountersignature(
			sodium,
			b,
			new Uint8Array(row.ack_signature),
			new Uint8Array(row.ack_sign_pk)
		);
	return { comment: b.comment, verified };
}

/** Where a record stands with its line manager, as the pages show it. */
export function acknowledgementOf(
	sodium: Sodium,
	row: StoredDeviation & StoredCountersignature
): DeviationAcknowledgement {
	if (row.ack_at !== null) {
		const { comment, verified } = checkStoredCountersignature(sodium, row);
		return {
			state: 'acknowledged',
			by: row.ack_username ?? 'an unknown member',
			at: row.ack_at,
			comment,
			verified
		};
	}
	if (row.line_manager_id === null) {
		return { state: 'none' };
	}
	return { state: 'waiting', lineManager: row.line_manager ?? 'an unknown member' };
}
