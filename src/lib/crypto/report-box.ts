import type { Sodium } from './sodium';
import { aeadOpen, aeadSeal } from './aead';
import { canonical, fromUtf8, utf8 } from './encoding';

/** DESIGN §5.2: a report body is padded to 1 KiB blocks so its length says little. */
export const REPORT_PAD_BLOCK = 1024;

export interface SealedReport {
	/** The report key; it never leaves the sealing side in the clear (attachments derive from it). */
	key: Uint8Array;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	keyForUnit: Uint8Array;
	keyForReporter: Uint8Array;
}

/** The associated data binds the ciphertext to the envelope the server can read and to the unit
 * key it was sealed for: if the server alters either, the staff's decryption fails. */
export const reportAd = (unitKeyId: string, envelope: unknown): Uint8Array =>
	utf8('rpt1|' + unitKeyId + '|' + canonical(envelope));

export function sealReport(
	sodium: Sodium,
	args: {
		body: unknown;
		envelope: unknown;
		unitKeyId: string;
		unitPublicKey: Uint8Array;
		reporterPublicKey: Uint8Array;
	}
): SealedReport {
	const key = sodium.randombytes_buf(32);
	const plaintext = sodium.pad(utf8(JSON.stringify(args.body)), REPORT_PAD_BLOCK);
	const { nonce, ciphertext } = aeadSeal(
		sodium,
		plaintext,
		reportAd(args.unitKeyId, args.envelope),
		key
	);
	return {
		key,
		nonce,
		ciphertext,
		keyForUnit: sodium.crypto_box_seal(key, args.unitPublicKey),
		keyForReporter: sodium.crypto_box_seal(key, args.reporterPublicKey)
	};
}

/** Opens a sealed key with a box keypair (the unit's, or the reporter's derived one). */
export const openSealedKey = (
	sodium: Sodium,
	sealedKey: Uint8Array,
	publicKey: Uint8Array,
	privateKey: Uint8Array
): Uint8Array => sodium.crypto_box_seal_open(sealedKey, publicKey, privateKey);

/** Decrypts a report body with its key; throws if the envelope or key id was altered. */
export function openReport(
	sodium: Sodium,
	args: {
		key: Uint8Array;
		nonce: Uint8Array;
		ciphertext: Uint8Array;
		unitKeyId: string;
		envelope: unknown;
	}
): unknown {
	const padded = aeadOpen(
		sodium,
		args.ciphertext,
		reportAd(args.unitKeyId, args.envelope),
		args.nonce,
		args.key
	);
	return JSON.parse(fromUtf8(sodium.unpad(padded, REPORT_PAD_BLOCK)));
}
