import { toBase64url } from '../crypto/encoding';
import { getSodium } from '../crypto/sodium';
import { newMemberKeys, setFields } from './new-keys';
import { passphraseProblem } from './passphrase-strength';
import type { FormError } from '../api/staff';

/** More fields made from the new member's box public key, such as a keyring sealed to it. */
export type SealedToMember = (boxPublicKey: Uint8Array) => Promise<Record<string, string>>;

/**
 * Makes a new account's keys in this browser from the passphrase typed into the form, and puts
 * what the server stores into the form data: public keys and wrapped secrets, never the
 * passphrase, the kek or a secret key. Returns the problem to show instead, if there is one.
 */
export async function fillNewAccount(
	formData: FormData,
	account: { staffId: string; passphrase: string; confirm: string },
	sealedToMember?: SealedToMember
): Promise<{ error: FormError } | { boxPublicKey: string }> {
	try {
		const username = String(formData.get('username') ?? '');
		const problem = await passphraseProblem(account.passphrase, account.confirm, [username]);
		if (problem) {
			return { error: { field: 'passphrase', message: problem } };
		}
		const sodium = await getSodium();
		const { pairs, fields } = await newMemberKeys(account.passphrase, account.staffId);
		try {
			setFields(formData, { ...fields, ...(await sealedToMember?.(pairs.boxPublicKey)) });
		} finally {
			// The member signs in next; their secret keys need not outlive this submission.
			sodium.memzero(pairs.boxSecretKey);
			sodium.memzero(pairs.signSecretKey);
		}
		return { boxPublicKey: toBase64url(pairs.boxPublicKey) };
	} catch (e) {
		return { error: { message: e instanceof Error ? e.message : 'Your keys could not be made.' } };
	}
}
