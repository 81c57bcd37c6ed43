import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64url } from '../../src/lib/crypto/encoding';
import { createKeyring, unitKeyPair } from '../../src/lib/crypto/keyring';
import {
	deriveKitKey,
	KitFormatError,
	newKitKdf,
	openKit,
	parseKit,
	sealKit,
	type RecoveryKit
} from '../../src/lib/crypto/recovery-kit';
import { getSodium, type Sodium } from '../../src/lib/crypto/sodium';
import { getSodiumSumo, type SodiumSumo } from '../../src/lib/crypto/sodium-sumo';
import { fingerprint } from '../../src/lib/crypto/staff-keys';
import { kitMismatch } from '../../src/lib/staff/kit-match';

const PASSPHRASE = 'marble orchard lantern quietly whistle';
let sodium: Sodium;
let sumo: SodiumSumo;
let made: { kit: RecoveryKit; keyring: ReturnType<typeof createKeyring>; text: string };

const keyFor = (kit: RecoveryKit, passphrase: string) =>
	deriveKitKey(sumo, passphrase, fromBase64url(kit.kdf.salt), kit.kdf.ops, kit.kdf.mem);

beforeAll(async () => {
	sodium = await getSodium();
	sumo = await getSodiumSumo();
	const keyring = createKeyring(sodium);
	const kdf = newKitKdf(sodium);
	const key = deriveKitKey(sumo, PASSPHRASE, fromBase64url(kdf.salt), kdf.ops, kdf.mem);
	const kit = sealKit(sodium, keyring.keyring, key, kdf, '2026-11-30T20:00:00.000Z');
	made = { kit, keyring, text: JSON.stringify(kit, null, 2) };
}, 60_000);

describe('recovery kit', { timeout: 60_000 }, () => {
	it('uses argon2id at MODERATE limits and describes the unit keys in the clear', () => {
		const kit = parseKit(made.text);
		expect(kit.kdf).toMatchObject({ alg: 'argon2id13', ops: 3, mem: 268435456 });
		expect(fromBase64url(kit.kdf.salt)).toHaveLength(16);
		expect(kit.keyring_version).toBe(1);
		expect(kit.unit_keys).toEqual([
			{
				id: made.keyring.keyring.keys[0].id,
				public_key: expect.any(String),
				fingerprint: fingerprint(sodium, made.keyring.publicKey)
			}
		]);
		// The secret key is not in the clear anywhere in the file.
		const sk = Buffer.from(made.keyring.keyring.keys[0].sk).toString('base64url');
		expect(made.text).not.toContain(sk);
	});

	it('opens with its passphrase to a keyring that opens what reporters sealed', () => {
		const kit = parseKit(made.text);
		const keyring = openKit(sodium, kit, keyFor(kit, PASSPHRASE));
		const pair = unitKeyPair(sodium, keyring, kit.unit_keys[0].id)!;
		const box = sodium.crypto_box_seal(sodium.from_string('report key'), made.keyring.publicKey);
		expect(
			sodium.to_string(sodium.crypto_box_seal_open(box, pair.publicKey, pair.privateKey))
		).toBe('report key');
		expect(keyring.linkKey).toEqual(made.keyring.keyring.linkKey);
	});

	it('refuses a wrong passphrase', () => {
		const kit = parseKit(made.text);
		expect(() => openKit(sodium, kit, keyFor(kit, PASSPHRASE + 'x'))).toThrow(
			/passphrase does not open/
		);
	});

	it('refuses a kit whose clear description was changed', () => {
		const key = keyFor(made.kit, PASSPHRASE);
		const other = createKeyring(sodium);
		const changed: RecoveryKit[] = [
			{ ...made.kit, keyring_version: 2 },
			{ ...made.kit, created_at: '2030-01-01T00:00:00.000Z' },
			{
				...made.kit,
				unit_keys: [
					{
						id: other.keyring.keys[0].id,
						public_key: Buffer.from(other.publicKey).toString('base64url'),
						fingerprint: fingerprint(sodium, other.publicKey)
					}
				]
			}
		];
		for (const kit of changed) {
			expect(() => openKit(sodium, parseKit(JSON.stringify(kit)), key)).toThrow(KitFormatError);
		}
	});

	it('refuses files that are not kits, with a message a person can read', () => {
		expect(() => parseKit('not json')).toThrow('This file is not a recovery kit.');
		expect(() => parseKit('{"format":"other"}')).toThrow('This file is not a recovery kit.');
		expect(() => parseKit(JSON.stringify({ ...made.kit, v: 2 }))).toThrow(/newer version/);
		expect(() => parseKit(JSON.stringify({ ...made.kit, nonce: 'AAAA' }))).toThrow(/damaged/);
		// A hostile kit may not ask the browser for more than 1 GiB of memory.
		const greedy = { ...made.kit, kdf: { ...made.kit.kdf, mem: 4 * 1024 * 1024 * 1024 } };
		expect(() => parseKit(JSON.stringify(greedy))).toThrow(/damaged/);
	});
});

describe('a kit matches this unit', () => {
	const server = [
		{ id: 'old', active: false },
		{ id: 'new', active: true }
	];
	it('when every key in it is the unit’s and it holds the active key', () => {
		expect(kitMismatch(['old', 'new'], server)).toBeNull();
	});
	it('not when it lacks an older key (a kit made from a "new reports only" keyring)', () => {
		expect(kitMismatch(['new'], server)).toMatch(/does not hold the older unit keys/);
	});
	it('not when it holds a key of another unit', () => {
		expect(kitMismatch(['old', 'new', 'stranger'], server)).toMatch(/another unit/);
		expect(kitMismatch(['stranger'], server)).toMatch(/another unit/);
	});
	it('not when it predates the active key', () => {
		expect(kitMismatch(['old'], server)).toMatch(/older than the unit’s current key/);
	});
	it('not when the portal has no unit key', () => {
		expect(kitMismatch(['old'], [])).toMatch(/no unit key/);
	});
});
