import { fromBase64url, toBase64url } from '../crypto/encoding';
import type { Sodium } from '../crypto/sodium';
import {
	emptyWallet,
	newWalletKey,
	openWallet,
	openWalletKey,
	sealWallet,
	sealWalletKey,
	type Wallet
} from '../crypto/wallet';
import { ApiError, fetchJson, jsonPost } from '../api/client';
import type { WalletState } from '../api/partner';

/**
 * The wallet in a worker's browser (DESIGN §5.8): fetch the ciphertext, open the wallet key with
 * the worker's box key, open the wallet; change it and save it by compare-and-swap, retrying on a
 * colleague's concurrent save; give the key to a colleague; make a new key when one has left.
 * W and the entries exist only here.
 */
const URL = '/partner/api/wallet';
const FAILED = 'The wallet could not be reached. Please try again.';

export interface MemberBoxKeys {
	staffId: string;
	boxPublicKey: Uint8Array;
	boxSecretKey: Uint8Array;
}

export interface OpenedWallet {
	orgId: string;
	keyVersion: number;
	revision: number;
	key: Uint8Array;
	wallet: Wallet;
	rotationDue: boolean;
	colleagues: WalletState['colleagues'];
}

export type WalletView = OpenedWallet | { waiting: true; colleagues: WalletState['colleagues'] };

export const fetchWalletState = () =>
	fetchJson<WalletState>(
		URL,
		{ headers: { accept: 'application/json' }, cache: 'no-store' },
		FAILED
	);

function sealedBody(
	sodium: Sodium,
	wallet: Wallet,
	at: { orgId: string; revision: number; keyVersion: number },
	key: Uint8Array
) {
	const sealed = sealWallet(sodium, wallet, at, key);
	return {
		key_version: at.keyVersion,
		revision: at.revision,
		nonce: toBase64url(sealed.nonce),
		ciphertext: toBase64url(sealed.ciphertext)
	};
}

/** Opens the wallet, or says the worker waits for a colleague to give them the key. */
export function openState(sodium: Sodium, state: WalletState, keys: MemberBoxKeys): WalletView {
	if (!state.wallet || !state.sealed_key) {
		return { waiting: true, colleagues: state.colleagues };
	}
	const key = openWalletKey(
		sodium,
		fromBase64url(state.sealed_key),
		keys.boxPublicKey,
		keys.boxSecretKey
	);
	const at = { orgId: state.org_id, revision: state.wallet.revision };
	const wallet = openWallet(
		sodium,
		{
			nonce: fromBase64url(state.wallet.nonce),
			ciphertext: fromBase64url(state.wallet.ciphertext)
		},
		at,
		key
	);
	return {
		orgId: state.org_id,
		keyVersion: state.wallet.key_version,
		revision: state.wallet.revision,
		key,
		wallet,
		rotationDue: state.wallet.rotation_due,
		colleagues: state.colleagues
	};
}

const isStale = (e: unknown) => e instanceof ApiError && e.status === 409;

/** The organisation's wallet, made here (empty, with a new key) if it has none yet. */
export async function loadWallet(sodium: Sodium, keys: MemberBoxKeys): Promise<WalletView> {
	const state = await fetchWalletState();
	if (state.wallet) {
		return openState(sodium, state, keys);
	}
	const key = newWalletKey(sodium);
	try {
		await fetchJson(
			URL,
			jsonPost({
				...sealedBody(
					sodium,
					emptyWallet(),
					{ orgId: state.org_id, revision: 1, keyVersion: 1 },
					key
				),
				sealed_key: toBase64url(sealWalletKey(sodium, key, keys.boxPublicKey))
			}),
			FAILED
		);
	} catch (e) {
		// A colleague made it first: theirs is the wallet, and they will give this worker the key.
		if (!isStale(e)) {
			throw e;
		}
	}
	return openState(sodium, await fetchWalletState(), keys);
}

/**
 * Applies a change to the newest wallet and saves it as the next revision. When a colleague saved
 * in between, the server refuses (409), and the change is applied again to their version, so
 * neither worker's entry is lost.
 */
export async function changeWallet(
	sodium: Sodium,
	keys: MemberBoxKeys,
	change: (wallet: Wallet) => Wallet,
	attempts = 6
): Promise<OpenedWallet> {
	for (let i = 0; ; i++) {
		const view = openState(sodium, await fetchWalletState(), keys);
		if ('waiting' in view) {
			throw new Error('You do not hold the wallet key yet. Ask a colleague to open the portal.');
		}
		const next = change(view.wallet);
		const revision = view.revision + 1;
		try {
			await fetchJson(
				URL,
				{
					...jsonPost(
						sealedBody(
							sodium,
							next,
							{ orgId: view.orgId, revision, keyVersion: view.keyVersion },
							view.key
						)
					),
					method: 'PUT'
				},
				FAILED
			);
			return { ...view, revision, wallet: next };
		} catch (e) {
			if (!isStale(e) || i + 1 >= attempts) {
				throw e;
			}
		}
	}
}

/** Seals the wallet key to a colleague who joined after it was made. */
export async function giveKey(
	sodium: Sodium,
	opened: OpenedWallet,
	colleague: { id: string; box_pk: string }
) {
	await fetchJson(
		URL + '/grants',
		jsonPost({
			key_version: opened.keyVersion,
			staff_id: colleague.id,
			sealed_key: toBase64url(sealWalletKey(sodium, opened.key, fromBase64url(colleague.box_pk)))
		}),
		FAILED
	);
}

/**
 * After a worker left: a new key, the wallet sealed under it as the next revision, and the new
 * key sealed to every remaining worker who held the old one. The leaver's old key opens nothing
 * saved from now on.
 */
export async function rotateWalletKey(sodium: Sodium, keys: MemberBoxKeys): Promise<OpenedWallet> {
	const view = openState(sodium, await fetchWalletState(), keys);
	if ('waiting' in view) {
		throw new Error('You do not hold the wallet key yet.');
	}
	const key = newWalletKey(sodium);
	const keyVersion = view.keyVersion + 1;
	const revision = view.revision + 1;
	const holders = view.colleagues.filter((c) => c.has_key || c.id === keys.staffId);
	await fetchJson(
		URL + '/rotate',
		jsonPost({
			...sealedBody(sodium, view.wallet, { orgId: view.orgId, revision, keyVersion }, key),
			grants: holders.map((c) => ({
				staff_id: c.id,
				sealed_key: toBase64url(sealWalletKey(sodium, key, fromBase64url(c.box_pk)))
			}))
		}),
		FAILED
	);
	sodium.memzero(view.key);
	return { ...view, key, keyVersion, revision, rotationDue: false };
}
