import type { Sodium } from './sodium';
import { utf8 } from './encoding';

/** Crockford base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_LENGTH = 23; // 115 bits of randomness
const CODE_LENGTH = DATA_LENGTH + 2;
const KDF_CONTEXT = 'rpttokn1';

export type CodeCheck =
	{ ok: true; code: string } | { ok: false; reason: 'length' | 'characters' | 'typo' };

function checkCharacters(sodium: Sodium, data: string): string {
	const h = sodium.crypto_generichash(16, utf8(data), null);
	return ALPHABET[h[0] >> 3] + ALPHABET[((h[0] & 7) << 2) | (h[1] >> 6)];
}

/** A fresh report code, made in the reporter's browser and never sent to the server. */
export function generateReportCode(sodium: Sodium): string {
	let data = '';
	// Rejection-free: 256 is a multiple of 32, so `byte & 31` is uniform.
	for (const byte of sodium.randombytes_buf(DATA_LENGTH)) {
		data += ALPHABET[byte & 31];
	}
	return data + checkCharacters(sodium, data);
}

/** Upper-case, drop spaces and hyphens, and fold look-alikes (O→0, I/L→1, U→V). */
export function normalizeReportCode(input: string): string {
	return input
		.toUpperCase()
		.replace(/[\s-]+/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1')
		.replace(/U/g, 'V');
}

/** Normalizes and checks a typed code; a wrong check character is a typo, not "not found". */
export function checkReportCode(sodium: Sodium, input: string): CodeCheck {
	const code = normalizeReportCode(input);
	if (code.length !== CODE_LENGTH) {
		return { ok: false, reason: 'length' };
	}
	for (const char of code) {
		if (!ALPHABET.includes(char)) {
			return { ok: false, reason: 'characters' };
		}
	}
	if (checkCharacters(sodium, code.slice(0, DATA_LENGTH)) !== code.slice(DATA_LENGTH)) {
		return { ok: false, reason: 'typo' };
	}
	return { ok: true, code };
}

/** XXXXX-XXXXX-XXXXX-XXXXX-XXXXX */
export const formatReportCode = (code: string): string => code.match(/.{1,5}/g)?.join('-') ?? code;

export interface ReporterSecrets {
	/** Sent to the server to find the report; the server keeps only its hash. */
	lookup: Uint8Array;
	lookupHash: Uint8Array;
	publicKey: Uint8Array;
	privateKey: Uint8Array;
}

/** Everything the reporter's side derives from a normalized code (DESIGN §5.1). */
export function deriveReporterSecrets(sodium: Sodium, normalizedCode: string): ReporterSecrets {
	const root = sodium.crypto_generichash(32, utf8(normalizedCode), null);
	const lookup = sodium.crypto_kdf_derive_from_key(32, 1, KDF_CONTEXT, root);
	const seed = sodium.crypto_kdf_derive_from_key(32, 2, KDF_CONTEXT, root);
	const pair = sodium.crypto_box_seed_keypair(seed);
	sodium.memzero(root);
	sodium.memzero(seed);
	return {
		lookup,
		lookupHash: lookupHashOf(sodium, lookup),
		publicKey: pair.publicKey,
		privateKey: pair.privateKey
	};
}

export const lookupHashOf = (sodium: Sodium, lookup: Uint8Array): Uint8Array =>
	sodium.crypto_generichash(32, lookup, null);
