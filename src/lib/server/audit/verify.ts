import { AUDIT_GENESIS, auditHash } from '../../crypto/audit-hash';
import { getSodium } from '../../crypto/sodium';
import type { Db } from '../db';

export type ChainVerdict =
	| { ok: true; count: number; headSeq: number; headHash: Uint8Array }
	| { ok: false; count: number; brokenSeq: number; reason: string };

const equal = (a: Uint8Array, b: Uint8Array) =>
	a.length === b.length && a.every((byte, i) => byte === b[i]);

/** Walks the whole chain in order and names the first event whose link or hash does not hold. */
export async function verifyAuditChain(db: Db): Promise<ChainVerdict> {
	const sodium = await getSodium();
	let prev: Uint8Array = AUDIT_GENESIS;
	let expectedSeq = 1;
	let count = 0;
	const pageSize = 5000;
	for (let after = 0; ;) {
		const rows = await db
			.selectFrom('audit_events')
			.selectAll()
			.where('seq', '>', after)
			.orderBy('seq')
			.limit(pageSize)
			.execute();
		for (const row of rows) {
			const fail = (reason: string): ChainVerdict => ({
				ok: false,
				count,
				brokenSeq: row.seq,
				reason
			});
			if (row.seq !== expectedSeq) {
				return fail(`expected seq ${expectedSeq}`);
			}
			if (!equal(new Uint8Array(row.prev_hash), prev)) {
				return fail('prev_hash does not match');
			}
			let detail: Record<string, unknown>;
			try {
				detail = JSON.parse(row.detail_json);
			} catch {
				return fail('detail is not JSON');
			}
			const hash = auditHash(sodium, prev, {
				seq: row.seq,
				at: row.at,
				actor_id: row.actor_id,
				action: row.action,
				subject: row.subject,
				detail
			});
			if (!equal(hash, new Uint8Array(row.hash))) {
				return fail('hash does not match');
			}
			prev = hash;
			expectedSeq++;
			count++;
		}
		if (rows.length < pageSize) {
			break;
		}
		after = rows[rows.length - 1].seq;
	}
	return { ok: true, count, headSeq: expectedSeq - 1, headHash: prev };
}
