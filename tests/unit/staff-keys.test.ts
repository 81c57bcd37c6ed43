import { beforeAll, describe, expect, it } from 'vitest';
import { getSodiumSumo, type SodiumSumo } from '../../src/lib/crypto/sodium-sumo';
import { utf8 } from '../../src/lib/crypto/encoding';
import {
	authHashOf,
	derivePassphraseKeys,
	generateStaffKeyPairs,
	KDF_MEM,
	KDF_OPS,
	unwrapStaffSecrets,
	wrapStaffSecrets
} from '../../src/lib/crypto/staff-keys';

/**
 * DESIGN §5.5 test vector. Inputs: passphrase "correct horse battery staple", salt bytes 0x00..0x0f,
 * argon2id13, opslimit 2, memlimit 64 MiB, 64 bytes out. The argon2id output was recorded from
 * libsodium; auth_hash = BLAKE2b-256(auth_key) was checked with Python's hashlib.blake2b.
 */
const PASSPHRASE = 'correct horse battery staple';
const SALT = Uint8Array.from({ length: 16 }, (_, i) => i);
const AUTH_KEY = '32559019e75cc002ebb59d666c0638c031e892eae582ace85d116a6bb09e14c0';
const KEK = '2092a0d9b1232ef9c2efb6d8a6ccfa1d64a4f64a7a089dc3be5e2b6795a0bd72';
const AUTH_HASH = '49269a16a1004df1ccd0aef33f3e2be39d8665a10223e646f12ecf6757328594';

let sodium: SodiumSumo;
beforeAll(async () => {
	sodium = await getSodiumSumo();
});

describe('passphrase derivation', () => {
	it('splits one argon2id run: bytes 0–31 are auth_key, 32–63 are kek', () => {
		const keys = derivePassphraseKeys(sodium, PASSPHRASE, SALT);
		const whole = sodium.crypto_pwhash(
			64,
			utf8(PASSPHRASE),
			SALT,
			KDF_OPS,
			KDF_MEM,
			sodium.crypto_pwhash_ALG_ARGON2ID13
		);
		expect(sodium.to_hex(keys.authKey)).toBe(sodium.to_hex(whole.subarray(0, 32)));
		expect(sodium.to_hex(keys.kek)).toBe(sodium.to_hex(whole.subarray(32, 64)));
		expect(sodium.to_hex(keys.authKey)).toBe(AUTH_KEY);
		expect(sodium.to_hex(keys.kek)).toBe(KEK);
		expect(sodium.to_hex(authHashOf(sodium, keys.authKey))).toBe(AUTH_HASH);
	});

	it('gives different keys for another salt or passphrase', () => {
		const other = derivePassphraseKeys(
			sodium,
			PASSPHRASE,
			SALT.map((b) => b ^ 1)
		);
		expect(sodium.to_hex(other.kek)).not.toBe(KEK);
		const typo = derivePassphraseKeys(sodium, PASSPHRASE + '.', SALT);
		expect(sodium.to_hex(typo.authKey)).not.toBe(AUTH_KEY);
	});
});

describe('wrapped staff secrets', () => {
	it('unwrap with the same kek and id, and fail with another kek or member id', () => {
		const pairs = generateStaffKeyPairs(sodium);
		const kek = sodium.from_hex(KEK);
		const wrapped = wrapStaffSecrets(sodium, pairs, 'staff-a', kek);
		const opened = unwrapStaffSecrets(sodium, wrapped, 'staff-a', kek);
		expect(opened.boxSecretKey).toEqual(pairs.boxSecretKey);
		expect(opened.signSecretKey).toEqual(pairs.signSecretKey);
		expect(() => unwrapStaffSecrets(sodium, wrapped, 'staff-b', kek)).toThrow();
		expect(() =>
			unwrapStaffSecrets(sodium, wrapped, 'staff-a', sodium.from_hex(AUTH_KEY))
		).toThrow();
	});
});
