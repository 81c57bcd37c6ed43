import type { Sodium } from './sodium';
import { fromBase64url, fromUtf8, toBase64url, utf8 } from './encoding';

/** The unit keyring (DESIGN §5.5): every unit secret key ever used, newest last, plus the key for
 * blind indexes. It exists in the clear only inside a granted member's browser. */
export interface UnitKeyring {
	version: number;
	keys: { id: string; sk: Uint8Array }[];
	linkKey: Uint8Array;
}

interface KeyringJson {
	version: number;
	keys: { id: string; sk: string }[];
	link_key: string;
}

/** A unit key's id is derived from its public key, so any client can check the pairing. */
export const unitKeyIdOf = (sodium: Sodium, publicKey: Uint8Array): string =>
	toBase64url(sodium.crypto_generichash(16, publicKey, null));

export function createKeyring(sodium: Sodium): { keyring: UnitKeyring; publicKey: Uint8Array } {
	const pair = sodium.crypto_box_keypair();
	const keyring: UnitKeyring = {
		version: 1,
		keys: [{ id: unitKeyIdOf(sodium, pair.publicKey), sk: pair.privateKey }],
		linkKey: sodium.crypto_generichash_keygen()
	};
	return { keyring, publicKey: pair.publicKey };
}

/** The keyring's one serialised form: what is sealed to a member and inside a recovery kit. */
export function keyringBytes(keyring: UnitKeyring): Uint8Array {
	const json: KeyringJson = {
		version: keyring.version,
		keys: keyring.keys.map((k) => ({ id: k.id, sk: toBase64url(k.sk) })),
		link_key: toBase64url(keyring.linkKey)
	};
	return utf8(JSON.stringify(json));
}

export function keyringFromBytes(bytes: Uint8Array): UnitKeyring {
	const json = JSON.parse(fromUtf8(bytes)) as KeyringJson;
	return {
		version: json.version,
		keys: json.keys.map((k) => ({ id: k.id, sk: fromBase64url(k.sk) })),
		linkKey: fromBase64url(json.link_key)
	};
}

/** A shared secret sealed to one member's box key: the unit keyring for staff (DESIGN §5.5), an
 * organisation's wallet key for partner workers (§5.8). Only that member's browser opens it. */
export const sealToMember = (sodium: Sodium, secret: Uint8Array, boxPublicKey: Uint8Array) =>
	sodium.crypto_box_seal(secret, boxPublicKey);

/** Throws when the sealed box was not made for this key pair. */
export const openAsMember = (
	sodium: Sodium,
	sealed: Uint8Array,
	boxPublicKey: Uint8Array,
	boxSecretKey: Uint8Array
): Uint8Array => sodium.crypto_box_seal_open(sealed, boxPublicKey, boxSecretKey);

export function sealKeyring(sodium: Sodium, keyring: UnitKeyring, boxPublicKey: Uint8Array) {
	return sealToMember(sodium, keyringBytes(keyring), boxPublicKey);
}

export function openKeyring(
	sodium: Sodium,
	sealed: Uint8Array,
	boxPublicKey: Uint8Array,
	boxSecretKey: Uint8Array
): UnitKeyring {
	return keyringFromBytes(openAsMember(sodium, sealed, boxPublicKey, boxSecretKey));
}

/** The box keypair for a unit key id, or undefined when this keyring predates it. */
export function unitKeyPair(sodium: Sodium, keyring: UnitKeyring, id: string) {
	const entry = keyring.keys.find((k) => k.id === id);
	if (!entry) {
		return undefined;
	}
	return { publicKey: sodium.crypto_scalarmult_base(entry.sk), privateKey: entry.sk };
}

/** Rotation (DESIGN §5.5): a fresh unit key pair appended to the keyring, version + 1. The old keys
 * stay, so reports sealed to them still open; new reports are sealed to the new public key. */
export function rotateKeyring(
	sodium: Sodium,
	keyring: UnitKeyring
): { keyring: UnitKeyring; publicKey: Uint8Array; keyId: string } {
	const pair = sodium.crypto_box_keypair();
	const keyId = unitKeyIdOf(sodium, pair.publicKey);
	return {
		keyring: {
			version: keyring.version + 1,
			keys: [...keyring.keys, { id: keyId, sk: pair.privateKey }],
			linkKey: keyring.linkKey
		},
		publicKey: pair.publicKey,
		keyId
	};
}

/** The keyring without the keys before `fromKeyId` (keys are kept oldest first): what a member
 * gets who should open only reports made from that key on. Unknown ids leave it whole. */
export function keyringFrom(keyring: UnitKeyring, fromKeyId: string | null): UnitKeyring {
	const start = fromKeyId === null ? -1 : keyring.keys.findIndex((k) => k.id === fromKeyId);
	return start <= 0 ? keyring : { ...keyring, keys: keyring.keys.slice(start) };
}
