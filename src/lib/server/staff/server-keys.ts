import { getSodium } from '../../crypto/sodium';
import { getServerSecret } from '../config';

/** One subkey of the server secret per purpose, so no key is ever used for two things. */
const SUBKEY_IDS = {
	totp: 1,
	fakeSalt: 2,
	enrolment: 3,
	loginBackoff: 4,
	recoveryProof: 5
} as const;
export type SubkeyPurpose = keyof typeof SUBKEY_IDS;

export async function serverSubkey(
	purpose: SubkeyPurpose,
	secret: Uint8Array = getServerSecret()
): Promise<Uint8Array> {
	const sodium = await getSodium();
	return sodium.crypto_kdf_derive_from_key(32, SUBKEY_IDS[purpose], 'srstaff1', secret);
}
