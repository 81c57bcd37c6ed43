import { openKeyring, type UnitKeyring } from '../../crypto/keyring';
import { getSodium } from '../../crypto/sodium';
import { getSodiumSumo } from '../../crypto/sodium-sumo';
import {
	derivePassphraseKeys,
	unwrapStaffSecrets,
	type StaffSecrets
} from '../../crypto/staff-keys';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import type { MadeMember } from './staff';

export interface UnlockedMember {
	staff: Staff;
	secrets: StaffSecrets;
	keyring: UnitKeyring;
}

/**
 * A demo member's keys opened from their passphrase exactly as their browser opens them at sign-in
 * (DESIGN §5.5): argon2id, the wrapped secret keys, then the keyring sealed to them. For the demo
 * and its tests only; the caller wipes the secrets when done.
 */
export async function unlockDemoMember(db: Db, member: MadeMember): Promise<UnlockedMember> {
	const [sodium, sumo] = await Promise.all([getSodium(), getSodiumSumo()]);
	const staff = await db
		.selectFrom('staff')
		.selectAll()
		.where('id', '=', member.id)
		.executeTakeFirstOrThrow();
	const grant = await db
		.selectFrom('keyring_grants')
		.select('sealed_keyring')
		.where('staff_id', '=', member.id)
		.orderBy('version', 'desc')
		.executeTakeFirstOrThrow();
	const { authKey, kek } = derivePassphraseKeys(
		sumo,
		member.passphrase,
		new Uint8Array(staff.kdf_salt),
		staff.kdf_ops,
		staff.kdf_mem
	);
	authKey.fill(0);
	const secrets = unwrapStaffSecrets(
		sodium,
		{
			secretBox: new Uint8Array(staff.secret_box),
			secretNonce: new Uint8Array(staff.secret_nonce)
		},
		staff.id,
		kek
	);
	kek.fill(0);
	const keyring = openKeyring(
		sodium,
		new Uint8Array(grant.sealed_keyring),
		new Uint8Array(staff.box_pk),
		secrets.boxSecretKey
	);
	return { staff, secrets, keyring };
}

export function lockDemoMember(member: UnlockedMember): void {
	member.secrets.boxSecretKey.fill(0);
	member.secrets.signSecretKey.fill(0);
	member.keyring.keys.forEach((k) => k.sk.fill(0));
	member.keyring.linkKey.fill(0);
}
