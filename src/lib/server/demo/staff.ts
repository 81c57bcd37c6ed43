import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { createKeyring, sealKeyring, unitKeyIdOf, type UnitKeyring } from '../../crypto/keyring';
import { getSodium } from '../../crypto/sodium';
import { getSodiumSumo } from '../../crypto/sodium-sumo';
import {
	authHashOf,
	derivePassphraseKeys,
	generateStaffKeyPairs,
	KDF_MEM,
	KDF_OPS,
	KDF_SALT_BYTES,
	wrapStaffSecrets
} from '../../crypto/staff-keys';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Database, StaffRole, StaffTeam } from '../db/schema';
import { deleteSetting } from '../settings/store';
import { nowIso } from '../time';
import { newTotpSecret, sealTotpSecret, totpEnrolment } from '../staff/totp';

export interface MadeMember {
	id: string;
	username: string;
	passphrase: string;
	role: StaffRole;
	/** The authenticator app's key (base32) and its otpauth:// URI. */
	totpSecret: string;
	totpUri: string;
}

/**
 * A staff member made in Node with the very functions a member's browser uses (DESIGN §5.5):
 * argon2id over the passphrase, fresh box and signing keypairs wrapped under the kek, the keyring
 * sealed to the box key. Only what the browser would send is stored. For demos and tests only:
 * a real account is always made in its owner's browser, so no one else ever knows its passphrase.
 */
async function makeMember(
	trx: Transaction<Database>,
	input: { username: string; passphrase: string; role: StaffRole; team: StaffTeam },
	keyring: UnitKeyring | null,
	grantedBy: string | null,
	serverSecret?: Uint8Array
): Promise<MadeMember> {
	const [sodium, sumo] = await Promise.all([getSodium(), getSodiumSumo()]);
	const id = randomUUID();
	const salt = sodium.randombytes_buf(KDF_SALT_BYTES);
	const { authKey, kek } = derivePassphraseKeys(sumo, input.passphrase, salt, KDF_OPS, KDF_MEM);
	const pairs = generateStaffKeyPairs(sodium);
	const wrapped = wrapStaffSecrets(sodium, pairs, id, kek);
	const totp = newTotpSecret();
	const now = nowIso();
	await trx
		.insertInto('staff')
		.values({
			id,
			username: input.username,
			role: input.role,
			team: input.team,
			status: 'active',
			kdf_salt: salt,
			kdf_ops: KDF_OPS,
			kdf_mem: KDF_MEM,
			auth_hash: authHashOf(sodium, authKey),
			box_pk: pairs.boxPublicKey,
			sign_pk: pairs.signPublicKey,
			secret_box: wrapped.secretBox,
			secret_nonce: wrapped.secretNonce,
			...(await sealTotpSecret(id, totp, serverSecret)),
			created_at: now,
			disabled_at: null
		})
		.execute();
	if (keyring && input.role !== 'analyst') {
		await trx
			.insertInto('keyring_grants')
			.values({
				staff_id: id,
				version: keyring.version,
				sealed_keyring: sealKeyring(sodium, keyring, pairs.boxPublicKey),
				granted_by: grantedBy ?? id,
				granted_at: now
			})
			.execute();
	}
	kek.fill(0);
	pairs.boxSecretKey.fill(0);
	pairs.signSecretKey.fill(0);
	const { uri, base32 } = totpEnrolment(totp, input.username);
	return { id, ...input, totpSecret: base32, totpUri: uri };
}

/** First-run setup done server-side: the admin, the first unit key and keyring v1, audited. */
export async function createDemoAdmin(
	db: Db,
	input: { username: string; passphrase: string },
	serverSecret?: Uint8Array
): Promise<{
	admin: MadeMember;
	keyring: UnitKeyring;
	unitKey: { id: string; publicKey: Uint8Array };
}> {
	const sodium = await getSodium();
	const { keyring, publicKey } = createKeyring(sodium);
	const unitKeyId = unitKeyIdOf(sodium, publicKey);
	const admin = await withAudit(db, async (trx) => {
		const made = await makeMember(
			trx,
			{ ...input, role: 'admin', team: 'RASSO' },
			keyring,
			null,
			serverSecret
		);
		await trx
			.insertInto('unit_keys')
			.values({
				id: unitKeyId,
				public_key: publicKey,
				created_at: nowIso(),
				created_by: made.id,
				retired_at: null
			})
			.execute();
		await deleteSetting(trx, 'setup_code_hash');
		return {
			result: made,
			audit: {
				actorId: made.id,
				action: 'staff.setup',
				subject: made.id,
				detail: { username: made.username, unit_key_id: unitKeyId, keyring_version: 1, demo: true }
			}
		};
	});
	return { admin, keyring, unitKey: { id: unitKeyId, publicKey } };
}

/** A further member, granted the keyring unless they are an analyst. */
export function createDemoMember(
	db: Db,
	input: { username: string; passphrase: string; role: StaffRole; team: StaffTeam },
	keyring: UnitKeyring,
	grantedBy: string,
	serverSecret?: Uint8Array
): Promise<MadeMember> {
	return withAudit(db, async (trx) => {
		const made = await makeMember(trx, input, keyring, grantedBy, serverSecret);
		return {
			result: made,
			audit: {
				actorId: grantedBy,
				action: 'staff.onboard',
				subject: made.id,
				detail: { username: made.username, role: made.role, team: input.team, demo: true }
			}
		};
	});
}
