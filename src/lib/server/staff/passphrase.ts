import type { InferOutput } from 'valibot';
import { authHashOf } from '../../crypto/staff-keys';
import { getSodium } from '../../crypto/sodium';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import type { PassphraseForm } from '../../staff/schemas';
import { authKeyMatches } from './login';
import { DomainError } from '../errors';

/**
 * Replaces salt, auth hash and wrapped secret keys together. The update is conditional on the
 * auth hash the current passphrase proved, so two racing changes cannot interleave, and every
 * other session of the member ends: the old passphrase stops working everywhere at once.
 */
export async function changePassphrase(
	db: Db,
	staff: Staff,
	sessionIdHash: Uint8Array | null,
	form: InferOutput<typeof PassphraseForm>
) {
	const sodium = await getSodium();
	const current = await db
		.selectFrom('staff')
		.select('auth_hash')
		.where('id', '=', staff.id)
		.executeTakeFirstOrThrow();
	const oldHash = new Uint8Array(current.auth_hash);
	if (!(await authKeyMatches(form.current_auth_key, oldHash))) {
		throw new DomainError(400, 'invalid', 'Your current passphrase is not right.', 'current');
	}
	await withAudit(db, async (trx) => {
		const result = await trx
			.updateTable('staff')
			.set({
				kdf_salt: form.kdf_salt,
				kdf_ops: form.kdf_ops,
				kdf_mem: form.kdf_mem,
				auth_hash: authHashOf(sodium, form.auth_key),
				secret_box: form.secret_box,
				secret_nonce: form.secret_nonce
			})
			.where('id', '=', staff.id)
			.where('auth_hash', '=', oldHash)
			.executeTakeFirst();
		if (result.numUpdatedRows !== 1n) {
			throw new DomainError(
				409,
				'conflict',
				'Your passphrase was changed elsewhere. Reload the page and try again.'
			);
		}
		let others = trx.deleteFrom('sessions').where('staff_id', '=', staff.id);
		if (sessionIdHash) {
			others = others.where('id_hash', '!=', sessionIdHash);
		}
		await others.execute();
		return {
			result: undefined,
			audit: { actorId: staff.id, action: 'staff.passphrase', subject: staff.id }
		};
	});
}
