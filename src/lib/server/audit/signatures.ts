import { getSodium } from '../../crypto/sodium';
import { verifyRecord, type DeviationRecord } from '../../crypto/signed-record';
import type { Db } from '../db';

export type SignatureVerdict =
	{ ok: true; count: number } | { ok: false; count: number; badId: string };

/** Verifies every stored policy-deviation record against its author's signing key. */
export async function verifyDeviationSignatures(db: Db): Promise<SignatureVerdict> {
	const sodium = await getSodium();
	const rows = await db
		.selectFrom('deviations')
		.innerJoin('staff', 'staff.id', 'deviations.staff_id')
		.select(['deviations.id', 'deviations.record_json', 'deviations.signature', 'staff.sign_pk'])
		.orderBy('deviations.at')
		.execute();
	let count = 0;
	for (const row of rows) {
		let record: DeviationRecord;
		try {
			record = JSON.parse(row.record_json);
		} catch {
			return { ok: false, count, badId: row.id };
		}
		const sig = new Uint8Array(row.signature);
		if (!verifyRecord(sodium, record, sig, new Uint8Array(row.sign_pk)))
			return { ok: false, count, badId: row.id };
		count++;
	}
	return { ok: true, count };
}
