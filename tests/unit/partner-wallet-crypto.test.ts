import { describe, expect, it } from 'vitest';
import { createKeyring } from '../../src/lib/crypto/keyring';
import { getSodium } from '../../src/lib/crypto/sodium';
import {
	newWalletKey,
	openWallet,
	openWalletKey,
	sealWallet,
	sealWalletKey,
	withEntry,
	type Wallet
} from '../../src/lib/crypto/wallet';

const ORG = '4f6c1e0a-5d8b-4c1f-9a3e-2b7d6c5e4f3a';
const OTHER_ORG = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
const wallet: Wallet = withEntry(
	{ v: 1, entries: [] },
	{
		code: 'ABCDE-FGHJK-MNPQR-STVWX-YZ012',
		label: 'M., Tuesday drop-in',
		added_at: '2026-11-03T10:00:00.000Z'
	}
);

describe('the code wallet opens only with a current worker key of its organisation', () => {
	it('workers who hold the key open it; another organisation, a leaver after rotation and unit staff cannot', async () => {
		const sodium = await getSodium();
		const pair = () => sodium.crypto_box_keypair();
		const [alice, bob, leaver, otherOrgWorker, staffMember] = [
			pair(),
			pair(),
			pair(),
			pair(),
			pair()
		];
		const unitKeyring = createKeyring(sodium).keyring;

		// Version 1: the key is sealed to Alice, Bob and a worker who later leaves.
		const w1 = newWalletKey(sodium);
		const grants1 = [alice, bob, leaver].map((p) => sealWalletKey(sodium, w1, p.publicKey));
		const v1 = sealWallet(sodium, wallet, { orgId: ORG, revision: 1 }, w1);
		const key1 = openWalletKey(sodium, grants1[1], bob.publicKey, bob.privateKey);
		expect(openWallet(sodium, v1, { orgId: ORG, revision: 1 }, key1)).toEqual(wallet);

		// The leaver goes: a new key, the wallet re-sealed at the next revision, sealed to those who stay.
		const w2 = newWalletKey(sodium);
		const grants2 = [alice, bob].map((p) => sealWalletKey(sodium, w2, p.publicKey));
		const v2 = sealWallet(sodium, wallet, { orgId: ORG, revision: 2 }, w2);
		for (const [i, who] of [alice, bob].entries()) {
			const key = openWalletKey(sodium, grants2[i], who.publicKey, who.privateKey);
			expect(openWallet(sodium, v2, { orgId: ORG, revision: 2 }, key).entries[0].label).toBe(
				'M., Tuesday drop-in'
			);
		}

		// The leaver's old key opens only the old revision, never the re-sealed wallet.
		const leaverKey = openWalletKey(sodium, grants1[2], leaver.publicKey, leaver.privateKey);
		expect(() => openWallet(sodium, v2, { orgId: ORG, revision: 2 }, leaverKey)).toThrow();
		for (const g of grants2) {
			expect(() => openWalletKey(sodium, g, leaver.publicKey, leaver.privateKey)).toThrow();
		}

		// A worker of another organisation: no grant opens with their key, and their own wallet key
		// does not open this wallet (nor does this wallet pass as theirs).
		for (const g of [...grants1, ...grants2]) {
			expect(() =>
				openWalletKey(sodium, g, otherOrgWorker.publicKey, otherOrgWorker.privateKey)
			).toThrow();
		}
		const theirKey = newWalletKey(sodium);
		expect(() => openWallet(sodium, v2, { orgId: ORG, revision: 2 }, theirKey)).toThrow();
		expect(() => openWallet(sodium, v2, { orgId: OTHER_ORG, revision: 2 }, w2)).toThrow();

		// Unit staff: their box key and every key of the unit keyring open nothing.
		for (const g of [...grants1, ...grants2]) {
			expect(() =>
				openWalletKey(sodium, g, staffMember.publicKey, staffMember.privateKey)
			).toThrow();
			for (const unitKey of unitKeyring.keys) {
				const pk = sodium.crypto_scalarmult_base(unitKey.sk);
				expect(() => openWalletKey(sodium, g, pk, unitKey.sk)).toThrow();
			}
		}
		expect(() =>
			openWallet(sodium, v2, { orgId: ORG, revision: 2 }, unitKeyring.linkKey)
		).toThrow();
	});

	it('binds the ciphertext to its revision: an old revision cannot be served as a newer one', async () => {
		const sodium = await getSodium();
		const key = newWalletKey(sodium);
		const v3 = sealWallet(sodium, wallet, { orgId: ORG, revision: 3 }, key);
		expect(openWallet(sodium, v3, { orgId: ORG, revision: 3 }, key)).toEqual(wallet);
		expect(() => openWallet(sodium, v3, { orgId: ORG, revision: 4 }, key)).toThrow();
	});

	it('pads the wallet, so its size does not tell how many entries it holds', async () => {
		const sodium = await getSodium();
		const key = newWalletKey(sodium);
		const one = sealWallet(sodium, wallet, { orgId: ORG, revision: 1 }, key);
		const two = sealWallet(
			sodium,
			withEntry(wallet, { code: 'X'.repeat(29), label: 'K., outreach van', added_at: 'now' }),
			{ orgId: ORG, revision: 1 },
			key
		);
		expect(one.ciphertext.length).toBe(1024 + 16);
		expect(two.ciphertext.length).toBe(one.ciphertext.length);
	});
});
