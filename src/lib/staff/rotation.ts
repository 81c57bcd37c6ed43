import { fromBase64url, toBase64url } from '../crypto/encoding';
import { keyringFrom, rotateKeyring, sealKeyring, type UnitKeyring } from '../crypto/keyring';
import type { Sodium } from '../crypto/sodium';

/** What each current key holder keeps through a rotation. */
export type HolderChoice = 'all' | 'new' | 'remove';

export interface Holder {
	id: string;
	boxPublicKey: string;
	choice: HolderChoice;
	/** The first unit key this member's grant holds (null: every key). */
	keysFrom: string | null;
}

/**
 * Makes a rotation in the admin's browser (DESIGN §5.5): a new unit key pair appended to the
 * keyring, and the new keyring sealed to the box key of each member who keeps access — whole, or
 * for "new reports only" from the new key on, or from the key their grant already starts at (a
 * rotation never narrows a member's access further than the admin chose). Returns the new keyring for this tab and the form
 * fields to post; the new secret key never leaves the browser except sealed to a member.
 */
export function buildRotation(sodium: Sodium, keyring: UnitKeyring, holders: Holder[]) {
	const { keyring: next, publicKey, keyId } = rotateKeyring(sodium, keyring);
	const kept = holders.filter((h) => h.choice !== 'remove');
	const grants = kept.map((h) => ({
		staff_id: h.id,
		scope: h.choice,
		sealed_keyring: toBase64url(
			sealKeyring(
				sodium,
				keyringFrom(next, h.choice === 'new' ? (h.keysFrom ?? keyId) : null),
				fromBase64url(h.boxPublicKey)
			)
		)
	}));
	const fields: Record<string, string> = {
		version: String(next.version),
		unit_pk: toBase64url(publicKey),
		grants: JSON.stringify(grants),
		removed: JSON.stringify(holders.filter((h) => h.choice === 'remove').map((h) => h.id))
	};
	return { keyring: next, fields };
}
