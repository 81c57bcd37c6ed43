import { verifyAllDeviations } from '../deviations/list';
import type { Db } from '../db';

export type SignatureVerdict =
	{ ok: true; count: number } | { ok: false; count: number; badId: string };

/** The command line's verdict on every stored policy-deviation record. It uses the same check as
 * the audit and deviations pages (signature, and the row's author and date are the signed ones),
 * so a record back-dated or re-attributed in SQL fails here exactly as it does on the page. */
export async function verifyDeviationSignatures(db: Db): Promise<SignatureVerdict> {
	const { verified, failed } = await verifyAllDeviations(db);
	return failed.length === 0
		? { ok: true, count: verified }
		: { ok: false, count: verified, badId: failed[0].id };
}

/** The same for line managers' countersignatures; `badId` names the record acknowledged, and
 * `missing` says the audit log records an acknowledgement whose row is gone. */
export async function verifyCountersignatures(
	db: Db
): Promise<SignatureVerdict | { ok: false; count: number; badId: string; missing: true }> {
	const { verified, failed } = (await verifyAllDeviations(db)).countersignatures;
	if (failed.length === 0) {
		return { ok: true, count: verified };
	}
	const first = failed[0];
	return first.missing
		? { ok: false, count: verified, badId: first.id, missing: true }
		: { ok: false, count: verified, badId: first.id };
}
