import { toBase64url } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { withAudit } from './chain';
import { checkpointMessage, type CheckpointBody, type CheckpointFile } from './checkpoint';
import { DomainError } from '../errors';
import { CLOCK_SKEW_MS } from '../time';

/**
 * Records that an admin took a signed checkpoint of the chain's head. The admin's browser signed
 * it; the server checks the signature against the admin's key and that the head is really in the
 * chain, then audits the checkpoint and hands back the file the admin keeps outside the server.
 */
export async function recordCheckpoint(
	db: Db,
	admin: Staff,
	body: CheckpointBody,
	signature: Uint8Array,
	now = Date.now()
): Promise<CheckpointFile> {
	const sodium = await getSodium();
	if (body.staff_id !== admin.id) {
		throw new DomainError(400, 'invalid', 'This checkpoint names another member.');
	}
	if (Math.abs(Date.parse(body.at) - now) > CLOCK_SKEW_MS) {
		throw new DomainError(
			400,
			'invalid',
			'The date on this checkpoint is wrong. Check this computer’s clock.'
		);
	}
	const signPk = new Uint8Array(admin.sign_pk);
	let signed: boolean;
	try {
		signed = sodium.crypto_sign_verify_detached(signature, checkpointMessage(body), signPk);
	} catch {
		signed = false;
	}
	if (!signed) {
		throw new DomainError(400, 'invalid', 'The checkpoint signature does not match your key.');
	}
	await withAudit(db, async (trx) => {
		const head = await trx
			.selectFrom('audit_events')
			.select('hash')
			.where('seq', '=', body.head_seq)
			.executeTakeFirst();
		if (!head || toBase64url(new Uint8Array(head.hash)) !== body.head_hash) {
			throw new DomainError(
				409,
				'conflict',
				'The audit log has moved on. Reload the page and try again.'
			);
		}
		return {
			result: undefined,
			audit: {
				actorId: admin.id,
				action: 'audit.checkpoint',
				subject: null,
				detail: { head_seq: body.head_seq, head_hash: body.head_hash }
			}
		};
	});
	return { ...body, sign_pk: toBase64url(signPk), signature: toBase64url(signature) };
}
