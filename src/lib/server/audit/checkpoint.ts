import { canonical, fromBase64url, toBase64url, utf8 } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import type { Db } from '../db';

/**
 * A signed audit checkpoint: an admin's browser signs the chain's head (seq and hash) and the
 * admin keeps the file outside the server. The chain alone proves every link; the checkpoint
 * proves the chain was not cut back or rewritten from an earlier point as a whole.
 */
export interface CheckpointBody {
	v: 1;
	kind: 'audit_checkpoint';
	staff_id: string;
	at: string;
	head_seq: number;
	head_hash: string;
}

export interface CheckpointFile extends CheckpointBody {
	sign_pk: string;
	signature: string;
}

export const checkpointMessage = (body: CheckpointBody) => utf8(canonical(body));

export type CheckpointVerdict = { ok: true } | { ok: false; reason: string };

/** Checks the checkpoint's signature, that its signer is that staff member, and that the chain
 * still holds the signed head at the signed seq. */
export async function verifyCheckpoint(db: Db, file: CheckpointFile): Promise<CheckpointVerdict> {
	const sodium = await getSodium();
	const body: CheckpointBody = {
		v: file.v,
		kind: file.kind,
		staff_id: file.staff_id,
		at: file.at,
		head_seq: file.head_seq,
		head_hash: file.head_hash
	};
	let signature: Uint8Array;
	let signPk: Uint8Array;
	try {
		signature = fromBase64url(file.signature);
		signPk = fromBase64url(file.sign_pk);
	} catch {
		return { ok: false, reason: 'the checkpoint file is malformed' };
	}
	if (file.v !== 1 || file.kind !== 'audit_checkpoint') {
		return { ok: false, reason: 'not an audit checkpoint' };
	}
	let signed: boolean;
	try {
		signed = sodium.crypto_sign_verify_detached(signature, checkpointMessage(body), signPk);
	} catch {
		signed = false;
	}
	if (!signed) {
		return { ok: false, reason: 'the checkpoint signature does not verify' };
	}
	const signer = await db
		.selectFrom('staff')
		.select('sign_pk')
		.where('id', '=', file.staff_id)
		.executeTakeFirst();
	if (!signer || toBase64url(new Uint8Array(signer.sign_pk)) !== file.sign_pk) {
		return { ok: false, reason: 'the checkpoint was not signed by that staff member' };
	}
	const row = await db
		.selectFrom('audit_events')
		.select('hash')
		.where('seq', '=', file.head_seq)
		.executeTakeFirst();
	if (!row) {
		return { ok: false, reason: `the chain was truncated: seq ${file.head_seq} is missing` };
	}
	if (toBase64url(new Uint8Array(row.hash)) !== file.head_hash) {
		return { ok: false, reason: `the chain was rewritten: seq ${file.head_seq} has another hash` };
	}
	return { ok: true };
}
