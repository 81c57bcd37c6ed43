import { toBase64url } from '../crypto/encoding';
import { getSodium } from '../crypto/sodium';
import {
	generateStaffKeyPairs,
	KDF_MEM,
	KDF_OPS,
	KDF_SALT_BYTES,
	wrapStaffSecrets,
	type StaffSecrets
} from '../crypto/staff-keys';
import { derivePassphraseKeysInWorker } from './kdf';

/**
 * Derives fresh passphrase keys under a new salt and wraps the secret keys under the new kek.
 * Returns the form fields the server stores: never the passphrase, the kek or a secret key.
 */
export async function wrapUnderPassphrase(
	passphrase: string,
	staffId: string,
	secrets: StaffSecrets
): Promise<Record<string, string>> {
	const sodium = await getSodium();
	const salt = sodium.randombytes_buf(KDF_SALT_BYTES);
	const { authKey, kek } = await derivePassphraseKeysInWorker(passphrase, salt, KDF_OPS, KDF_MEM);
	const { secretBox, secretNonce } = wrapStaffSecrets(sodium, secrets, staffId, kek);
	kek.fill(0);
	return {
		kdf_salt: toBase64url(salt),
		kdf_ops: String(KDF_OPS),
		kdf_mem: String(KDF_MEM),
		auth_key: toBase64url(authKey),
		secret_box: toBase64url(secretBox),
		secret_nonce: toBase64url(secretNonce)
	};
}

/** A new member's keypairs, made in their browser, with the secret halves wrapped. */
export async function newMemberKeys(passphrase: string, staffId: string) {
	const sodium = await getSodium();
	const pairs = generateStaffKeyPairs(sodium);
	const fields = await wrapUnderPassphrase(passphrase, staffId, pairs);
	return {
		pairs,
		fields: {
			...fields,
			box_pk: toBase64url(pairs.boxPublicKey),
			sign_pk: toBase64url(pairs.signPublicKey)
		}
	};
}

export function setFields(formData: FormData, fields: Record<string, string>): void {
	for (const [name, value] of Object.entries(fields)) {
		formData.set(name, value);
	}
}
