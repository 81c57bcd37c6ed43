import type { Sodium } from './sodium';
import { aeadOpen, aeadSeal } from './aead';
import { fromUtf8, utf8 } from './encoding';
import { openAsMember, sealToMember } from './keyring';

/**
 * A partner organisation's code wallet (DESIGN §5.8). The wallet key W is made in a worker's
 * browser and sealed to each worker's box key exactly as the unit keyring is sealed to staff; the
 * document is one AEAD ciphertext under W. The server keeps ciphertext and counters, never W, a
 * code or a label.
 */
export const WALLET_PAD_BLOCK = 1024;
export const WALLET_KEY_BYTES = 32;

export interface WalletEntry {
	/** The report code, normalised (25 characters, no dashes). */
	code: string;
	/** The worker's own short label ("M., Tuesday drop-in"). */
	label: string;
	added_at: string;
	/** How many of the unit's messages a worker has read here; later ones count as unread. */
	seen?: number;
}

export interface Wallet {
	v: 1;
	entries: WalletEntry[];
}

export const emptyWallet = (): Wallet => ({ v: 1, entries: [] });

/** Binds the ciphertext to its organisation and revision: the server cannot move a wallet to
 * another organisation or pass an old revision off under a newer number. */
export const walletAd = (orgId: string, revision: number) =>
	utf8('wallet1|' + orgId + '|' + revision);

export const newWalletKey = (sodium: Sodium): Uint8Array =>
	sodium.randombytes_buf(WALLET_KEY_BYTES);

export const sealWalletKey = (sodium: Sodium, key: Uint8Array, boxPublicKey: Uint8Array) =>
	sealToMember(sodium, key, boxPublicKey);

/** Throws unless the grant was sealed to this key pair. */
export function openWalletKey(
	sodium: Sodium,
	sealed: Uint8Array,
	boxPublicKey: Uint8Array,
	boxSecretKey: Uint8Array
): Uint8Array {
	const key = openAsMember(sodium, sealed, boxPublicKey, boxSecretKey);
	if (key.length !== WALLET_KEY_BYTES) {
		throw new Error('not a wallet key');
	}
	return key;
}

export function sealWallet(
	sodium: Sodium,
	wallet: Wallet,
	at: { orgId: string; revision: number },
	key: Uint8Array
): { nonce: Uint8Array; ciphertext: Uint8Array } {
	const plaintext = sodium.pad(utf8(JSON.stringify(wallet)), WALLET_PAD_BLOCK);
	return aeadSeal(sodium, plaintext, walletAd(at.orgId, at.revision), key);
}

/** Throws when the key, organisation or revision do not match the ciphertext. */
export function openWallet(
	sodium: Sodium,
	sealed: { nonce: Uint8Array; ciphertext: Uint8Array },
	at: { orgId: string; revision: number },
	key: Uint8Array
): Wallet {
	const padded = aeadOpen(
		sodium,
		sealed.ciphertext,
		walletAd(at.orgId, at.revision),
		sealed.nonce,
		key
	);
	const wallet = JSON.parse(fromUtf8(sodium.unpad(padded, WALLET_PAD_BLOCK))) as Wallet;
	if (wallet.v !== 1 || !Array.isArray(wallet.entries)) {
		throw new Error('not a wallet');
	}
	return wallet;
}

/** Adds an entry unless its code is there already: a retried save must not add it twice. */
export function withEntry(wallet: Wallet, entry: WalletEntry): Wallet {
	if (wallet.entries.some((e) => e.code === entry.code)) {
		return wallet;
	}
	return { ...wallet, entries: [...wallet.entries, entry] };
}

export const withoutEntry = (wallet: Wallet, code: string): Wallet => ({
	...wallet,
	entries: wallet.entries.filter((e) => e.code !== code)
});

export const withSeen = (wallet: Wallet, code: string, seen: number): Wallet => ({
	...wallet,
	entries: wallet.entries.map((e) => (e.code === code ? { ...e, seen } : e))
});
