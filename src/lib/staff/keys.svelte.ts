import type { UnitKeyring } from '../crypto/keyring';

/** A member's unlocked keys. They live only in this tab's memory: never in storage, never sent
 * anywhere; a reload or closing the tab forgets them and the passphrase unlocks them again. */
export interface UnlockedKeys {
	staffId: string;
	boxPublicKey: Uint8Array;
	boxSecretKey: Uint8Array;
	signPublicKey: Uint8Array;
	signSecretKey: Uint8Array;
	/** Null until an admin has granted the unit keyring (and always for analysts). */
	keyring: UnitKeyring | null;
}

export const staffKeys = $state<{ unlocked: UnlockedKeys | null }>({ unlocked: null });

/** The keys if they belong to this member: after a switch of account they count as locked. */
export const keysFor = (staffId: string | undefined): UnlockedKeys | null =>
	staffKeys.unlocked && staffKeys.unlocked.staffId === staffId ? staffKeys.unlocked : null;

/** After a rotation made in this tab: the member's keyring is the new one at once, without
 * unlocking again (the server now serves the same keyring, sealed to them). */
export function replaceKeyring(staffId: string, keyring: UnitKeyring) {
	if (staffKeys.unlocked && staffKeys.unlocked.staffId === staffId) {
		staffKeys.unlocked.keyring = keyring;
	}
}
