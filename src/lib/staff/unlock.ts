import { fromBase64url } from '../crypto/encoding';
import { openKeyring } from '../crypto/keyring';
import { getSodium } from '../crypto/sodium';
import { unwrapStaffSecrets } from '../crypto/staff-keys';
import { derivePassphraseKeysInWorker } from './kdf';
import { staffKeys, type UnlockedKeys } from './keys.svelte';
import type { WrappedKeys } from '../api/staff';

/** Where a signed-in member's wrapped keys are served: staff, or partner workers (whose cookie is
 * sent only under /partner). */
export const STAFF_KEYS_URL = '/api/v1/staff/me/keys';
export const PARTNER_KEYS_URL = '/partner/api/me/keys';

export async function fetchWrappedKeys(url = STAFF_KEYS_URL): Promise<WrappedKeys> {
	const res = await fetch(url, { headers: { accept: 'application/json' } });
	if (res.status === 401) {
		throw new Error('Your session has ended. Please sign in again.');
	}
	if (!res.ok) {
		throw new Error('Your keys could not be fetched. Please reload the page.');
	}
	return res.json();
}

/** Opens the member's secret keys with a kek, and the unit keyring with their box key. */
export async function openKeys(wrapped: WrappedKeys, kek: Uint8Array): Promise<UnlockedKeys> {
	const sodium = await getSodium();
	let secrets;
	try {
		secrets = unwrapStaffSecrets(
			sodium,
			{
				secretBox: fromBase64url(wrapped.secret_box),
				secretNonce: fromBase64url(wrapped.secret_nonce)
			},
			wrapped.staff_id,
			kek
		);
	} catch {
		throw new Error('That passphrase did not unlock your keys.');
	}
	const boxPublicKey = fromBase64url(wrapped.box_pk);
	const keyring = wrapped.keyring
		? openKeyring(sodium, fromBase64url(wrapped.keyring.sealed), boxPublicKey, secrets.boxSecretKey)
		: null;
	return {
		staffId: wrapped.staff_id,
		boxPublicKey,
		boxSecretKey: secrets.boxSecretKey,
		signPublicKey: fromBase64url(wrapped.sign_pk),
		signSecretKey: secrets.signSecretKey,
		keyring
	};
}

/** Unlocks with a kek already derived (just after login), or derives it from the passphrase. */
export async function unlockKeys(
	secret: { kek: Uint8Array } | { passphrase: string },
	keysUrl = STAFF_KEYS_URL
) {
	const wrapped = await fetchWrappedKeys(keysUrl);
	let kek: Uint8Array;
	if ('kek' in secret) {
		kek = secret.kek;
	} else {
		const keys = await derivePassphraseKeysInWorker(
			secret.passphrase,
			fromBase64url(wrapped.kdf.salt),
			wrapped.kdf.ops,
			wrapped.kdf.mem
		);
		kek = keys.kek;
		keys.authKey.fill(0);
	}
	try {
		staffKeys.unlocked = await openKeys(wrapped, kek);
	} finally {
		kek.fill(0);
	}
}
