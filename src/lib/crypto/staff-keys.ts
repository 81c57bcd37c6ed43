import type { Sodium } from './sodium';
import type { SodiumSumo } from './sodium-sumo';
import { aeadOpen, aeadSeal } from './aead';
import { fromBase64url, fromUtf8, toBase64url, utf8 } from './encoding';

/** argon2id parameters (libsodium's INTERACTIVE limits), recorded per staff member so they can be
 * raised later without locking anyone out. */
export const KDF_OPS = 2;
export const KDF_MEM = 67108864;
export const KDF_SALT_BYTES = 16;

export interface PassphraseKeys {
	/** Sent to the server, which stores only its hash. */
	authKey: Uint8Array;
	/** Never leaves the browser: it unwraps the member's secret keys. */
	kek: Uint8Array;
}

/** DESIGN §5.5: one argon2id run, split into the login key and the key-encryption key. */
export function derivePassphraseKeys(
	sumo: SodiumSumo,
	passphrase: string,
	salt: Uint8Array,
	ops = KDF_OPS,
	mem = KDF_MEM
): PassphraseKeys {
	const out = sumo.crypto_pwhash(
		64,
		utf8(passphrase),
		salt,
		ops,
		mem,
		sumo.crypto_pwhash_ALG_ARGON2ID13
	);
	return { authKey: out.slice(0, 32), kek: out.slice(32, 64) };
}

export const authHashOf = (sodium: Sodium, authKey: Uint8Array) =>
	sodium.crypto_generichash(32, authKey, null);

export interface StaffSecrets {
	boxSecretKey: Uint8Array;
	signSecretKey: Uint8Array;
}

export interface StaffKeyPairs extends StaffSecrets {
	boxPublicKey: Uint8Array;
	signPublicKey: Uint8Array;
}

export function generateStaffKeyPairs(sodium: Sodium): StaffKeyPairs {
	const box = sodium.crypto_box_keypair();
	const sign = sodium.crypto_sign_keypair();
	return {
		boxPublicKey: box.publicKey,
		boxSecretKey: box.privateKey,
		signPublicKey: sign.publicKey,
		signSecretKey: sign.privateKey
	};
}

const staffAd = (staffId: string) => utf8('staff1|' + staffId);

/** The secret keys wrapped under the kek; bound to the member's id so rows cannot be swapped. */
export function wrapStaffSecrets(
	sodium: Sodium,
	secrets: StaffSecrets,
	staffId: string,
	kek: Uint8Array
): { secretBox: Uint8Array; secretNonce: Uint8Array } {
	const json = JSON.stringify({
		box_sk: toBase64url(secrets.boxSecretKey),
		sign_sk: toBase64url(secrets.signSecretKey)
	});
	const { nonce, ciphertext } = aeadSeal(sodium, utf8(json), staffAd(staffId), kek);
	return { secretBox: ciphertext, secretNonce: nonce };
}

export function unwrapStaffSecrets(
	sodium: Sodium,
	wrapped: { secretBox: Uint8Array; secretNonce: Uint8Array },
	staffId: string,
	kek: Uint8Array
): StaffSecrets {
	const plain = aeadOpen(sodium, wrapped.secretBox, staffAd(staffId), wrapped.secretNonce, kek);
	const parsed = JSON.parse(fromUtf8(plain)) as { box_sk: string; sign_sk: string };
	return {
		boxSecretKey: fromBase64url(parsed.box_sk),
		signSecretKey: fromBase64url(parsed.sign_sk)
	};
}

/** Human-comparable fingerprint of a public key: 32 hex digits in groups of four. */
export function fingerprint(sodium: Sodium, publicKey: Uint8Array): string {
	const hex = sodium.to_hex(sodium.crypto_generichash(16, publicKey, null)).toUpperCase();
	return hex.match(/.{4}/g)!.join(' ');
}
