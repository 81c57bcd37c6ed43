import type { Sodium } from './sodium';

/** XChaCha20-Poly1305 (IETF) with a fresh random nonce; the single AEAD of protocol v1. */
export function aeadSeal(sodium: Sodium, plaintext: Uint8Array, ad: Uint8Array, key: Uint8Array) {
	const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
		plaintext,
		ad,
		null,
		nonce,
		key
	);
	return { nonce, ciphertext };
}

/** Throws when the key, nonce, ciphertext or associated data do not match. */
export const aeadOpen = (
	sodium: Sodium,
	ciphertext: Uint8Array,
	ad: Uint8Array,
	nonce: Uint8Array,
	key: Uint8Array
): Uint8Array =>
	sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key);
