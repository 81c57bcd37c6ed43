import type { Sodium } from './sodium';
import type { SodiumSumo } from './sodium-sumo';
import { aeadOpen } from './aead';
import { canonical, fromBase64url, toBase64url, utf8 } from './encoding';
import { keyringBytes, keyringFromBytes, unitKeyIdOf, type UnitKeyring } from './keyring';
import { fingerprint } from './staff-keys';

/**
 * The recovery kit (README "Recovery kit"): the unit keyring sealed under a recovery passphrase,
 * for the day no member who holds it can sign in. A JSON file:
 *
 *   { format: "safereport-recovery-kit", v: 1, created_at, keyring_version,
 *     unit_keys: [{ id, public_key, fingerprint }],
 *     kdf: { alg: "argon2id13", salt, ops, mem },
 *     nonce, sealed }
 *
 * key    = crypto_pwhash(32, passphrase, salt(16), ops, mem, ALG_ARGON2ID13)
 * ad     = utf8("kit1|" + canonical(every field but nonce and sealed))
 * sealed = crypto_aead_xchacha20poly1305_ietf_encrypt(keyring json, ad, nonce(24), key)
 *
 * Everything but `sealed` is in the clear, so a kit can be checked against the server's unit keys
 * without its passphrase; the associated data means none of it can be changed unnoticed.
 */
export const KIT_FORMAT = 'safereport-recovery-kit';
export const KIT_VERSION = 1;
/** libsodium's MODERATE limits: the kit sits in a drawer for years and is attacked offline. */
export const KIT_KDF_OPS = 3;
export const KIT_KDF_MEM = 268435456;
const KIT_SALT_BYTES = 16;
/** The most a kit may ask a browser to spend opening it (a hostile file could ask for more). */
const KIT_KDF_MAX_OPS = 10;
const KIT_KDF_MAX_MEM = 1024 * 1024 * 1024;

export interface KitUnitKey {
	id: string;
	public_key: string;
	fingerprint: string;
}

export interface KitHeader {
	format: typeof KIT_FORMAT;
	v: typeof KIT_VERSION;
	created_at: string;
	keyring_version: number;
	unit_keys: KitUnitKey[];
	kdf: { alg: 'argon2id13'; salt: string; ops: number; mem: number };
}

export interface RecoveryKit extends KitHeader {
	nonce: string;
	sealed: string;
}

/** A file that is not a kit this version can read; the message can be shown as it is. */
export class KitFormatError extends Error {}

const headerOf = (kit: KitHeader): KitHeader => ({
	format: kit.format,
	v: kit.v,
	created_at: kit.created_at,
	keyring_version: kit.keyring_version,
	unit_keys: kit.unit_keys.map((k) => ({
		id: k.id,
		public_key: k.public_key,
		fingerprint: k.fingerprint
	})),
	kdf: { alg: kit.kdf.alg, salt: kit.kdf.salt, ops: kit.kdf.ops, mem: kit.kdf.mem }
});

export const kitAd = (kit: KitHeader): Uint8Array => utf8('kit1|' + canonical(headerOf(kit)));

/** The key that seals and opens a kit. Slow on purpose: run it in a worker in a browser. */
export const deriveKitKey = (
	sumo: SodiumSumo,
	passphrase: string,
	salt: Uint8Array,
	ops: number,
	mem: number
): Uint8Array =>
	sumo.crypto_pwhash(32, utf8(passphrase), salt, ops, mem, sumo.crypto_pwhash_ALG_ARGON2ID13);

/** A fresh salt and the KDF record a new kit carries. */
export const newKitKdf = (sodium: Sodium): KitHeader['kdf'] => ({
	alg: 'argon2id13',
	salt: toBase64url(sodium.randombytes_buf(KIT_SALT_BYTES)),
	ops: KIT_KDF_OPS,
	mem: KIT_KDF_MEM
});

/** The kit's clear description of the keyring: each unit key's id, public key and fingerprint. */
export function kitUnitKeys(sodium: Sodium, keyring: UnitKeyring): KitUnitKey[] {
	return keyring.keys.map((k) => {
		const publicKey = sodium.crypto_scalarmult_base(k.sk);
		return {
			id: unitKeyIdOf(sodium, publicKey),
			public_key: toBase64url(publicKey),
			fingerprint: fingerprint(sodium, publicKey)
		};
	});
}

/** Seals a keyring into a kit under `key` (from deriveKitKey with `kdf`). */
export function sealKit(
	sodium: Sodium,
	keyring: UnitKeyring,
	key: Uint8Array,
	kdf: KitHeader['kdf'],
	createdAt: string,
	nonce: Uint8Array = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
): RecoveryKit {
	const header: KitHeader = {
		format: KIT_FORMAT,
		v: KIT_VERSION,
		created_at: createdAt,
		keyring_version: keyring.version,
		unit_keys: kitUnitKeys(sodium, keyring),
		kdf
	};
	const plain = keyringBytes(keyring);
	try {
		const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
			plain,
			kitAd(header),
			null,
			nonce,
			key
		);
		return { ...header, nonce: toBase64url(nonce), sealed: toBase64url(sealed) };
	} finally {
		sodium.memzero(plain);
	}
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown, min: number, max: number): v is number =>
	typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function decodes(value: unknown, length?: number): boolean {
	try {
		const bytes = fromBase64url(value as string);
		return length === undefined || bytes.length === length;
	} catch {
		return false;
	}
}

/** Reads a kit file's text, checking its shape only: nothing here needs the passphrase. */
export function parseKit(text: string): RecoveryKit {
	let raw: Record<string, unknown>;
	try {
		raw = JSON.parse(text);
	} catch {
		throw new KitFormatError('This file is not a recovery kit.');
	}
	if (!raw || typeof raw !== 'object' || raw.format !== KIT_FORMAT) {
		throw new KitFormatError('This file is not a recovery kit.');
	}
	if (raw.v !== KIT_VERSION) {
		throw new KitFormatError('This recovery kit was made by a newer version of SafeReport.');
	}
	const kdf = raw.kdf as Record<string, unknown> | undefined;
	const keys = raw.unit_keys as Record<string, unknown>[] | undefined;
	const fine =
		isString(raw.created_at) &&
		isCount(raw.keyring_version, 1, 1_000_000) &&
		Array.isArray(keys) &&
		keys.length >= 1 &&
		keys.length <= 1000 &&
		keys.every(
			(k) =>
				k &&
				isString(k.id) &&
				isString(k.fingerprint) &&
				isString(k.public_key) &&
				decodes(k.public_key, 32)
		) &&
		!!kdf &&
		kdf.alg === 'argon2id13' &&
		decodes(kdf.salt, KIT_SALT_BYTES) &&
		isCount(kdf.ops, 1, KIT_KDF_MAX_OPS) &&
		isCount(kdf.mem, 8192, KIT_KDF_MAX_MEM) &&
		decodes(raw.nonce, 24) &&
		decodes(raw.sealed);
	if (!fine) {
		throw new KitFormatError('This recovery kit is damaged: some of it is missing or changed.');
	}
	return raw as unknown as RecoveryKit;
}

/**
 * Opens a kit with the key from its passphrase. Throws KitFormatError when the passphrase is wrong
 * or the file was changed, and when a key inside does not match the kit's clear description.
 */
export function openKit(sodium: Sodium, kit: RecoveryKit, key: Uint8Array): UnitKeyring {
	let plain: Uint8Array;
	try {
		plain = aeadOpen(sodium, fromBase64url(kit.sealed), kitAd(kit), fromBase64url(kit.nonce), key);
	} catch {
		throw new KitFormatError(
			'That passphrase does not open this recovery kit, or the file was changed.'
		);
	}
	const keyring = keyringFromBytes(plain);
	sodium.memzero(plain);
	const described = kitUnitKeys(sodium, keyring);
	if (
		keyring.version !== kit.keyring_version ||
		canonical(described) !== canonical(headerOf(kit).unit_keys)
	) {
		throw new KitFormatError('The keys inside this recovery kit do not match its description.');
	}
	return keyring;
}
