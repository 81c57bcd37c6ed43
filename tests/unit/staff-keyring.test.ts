import { beforeAll, describe, expect, it } from 'vitest';
import {
	createKeyring,
	openKeyring,
	sealKeyring,
	unitKeyIdOf,
	unitKeyPair
} from '../../src/lib/crypto/keyring';
import { getSodium, type Sodium } from '../../src/lib/crypto/sodium';
import { generateStaffKeyPairs } from '../../src/lib/crypto/staff-keys';

let sodium: Sodium;
beforeAll(async () => {
	sodium = await getSodium();
});

describe('unit keyring', () => {
	it('seals to a member box key and opens with that member’s secret key', () => {
		const { keyring, publicKey } = createKeyring(sodium);
		const member = generateStaffKeyPairs(sodium);
		const sealed = sealKeyring(sodium, keyring, member.boxPublicKey);
		const opened = openKeyring(sodium, sealed, member.boxPublicKey, member.boxSecretKey);
		expect(opened.version).toBe(1);
		expect(opened.keys).toHaveLength(1);
		expect(opened.keys[0].id).toBe(unitKeyIdOf(sodium, publicKey));
		expect(opened.keys[0].sk).toEqual(keyring.keys[0].sk);
		expect(opened.linkKey).toEqual(keyring.linkKey);
		// The opened keyring really opens what reporters seal to the unit public key.
		const pair = unitKeyPair(sodium, opened, opened.keys[0].id)!;
		expect(pair.publicKey).toEqual(publicKey);
		const box = sodium.crypto_box_seal(sodium.from_string('report key'), publicKey);
		expect(
			sodium.to_string(sodium.crypto_box_seal_open(box, pair.publicKey, pair.privateKey))
		).toBe('report key');
	});

	it('cannot be opened with another member’s key, nor after tampering', () => {
		const { keyring } = createKeyring(sodium);
		const member = generateStaffKeyPairs(sodium);
		const stranger = generateStaffKeyPairs(sodium);
		const sealed = sealKeyring(sodium, keyring, member.boxPublicKey);
		expect(() =>
			openKeyring(sodium, sealed, stranger.boxPublicKey, stranger.boxSecretKey)
		).toThrow();
		expect(() => openKeyring(sodium, sealed, member.boxPublicKey, stranger.boxSecretKey)).toThrow();
		const tampered = sealed.slice();
		tampered[tampered.length - 1] ^= 1;
		expect(() => openKeyring(sodium, tampered, member.boxPublicKey, member.boxSecretKey)).toThrow();
	});

	it('has no key pair for an unknown unit key id', () => {
		const { keyring } = createKeyring(sodium);
		expect(unitKeyPair(sodium, keyring, 'no-such-key')).toBeUndefined();
	});
});
