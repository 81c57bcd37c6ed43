import type { Db } from '../../../src/lib/server/db';
import type { StaffRole } from '../../../src/lib/server/db/schema';
import { createKeyring, sealKeyring, type UnitKeyring } from '../../../src/lib/crypto/keyring';
import { sealReport } from '../../../src/lib/crypto/report-box';
import { signRecord, type DeviationRecord } from '../../../src/lib/crypto/signed-record';
import { getSodium, type Sodium } from '../../../src/lib/crypto/sodium';
import { generateStaffKeyPairs, type StaffKeyPairs } from '../../../src/lib/crypto/staff-keys';
import { recordDeviation } from '../../../src/lib/server/deviations/record';
import { insertStaff } from './staff';

/** A member with real box and signing keys, as their browser would hold them unlocked. */
export interface KeyedMember {
	row: Awaited<ReturnType<typeof insertStaff>>;
	keys: StaffKeyPairs;
}

/**
 * A unit as first-run setup leaves it, plus members: the first unit key published, keyring v1
 * sealed to each member who holds it. Everything a browser would do is done here with the
 * protocol's own functions, so a test can open what the server stored with a member's keys.
 */
export async function keyedUnit(
	db: Db,
	members: { name: string; role?: StaffRole; holds?: boolean }[]
) {
	const sodium = await getSodium();
	const { keyring, publicKey } = createKeyring(sodium);
	await db
		.insertInto('unit_keys')
		.values({
			id: keyring.keys[0].id,
			public_key: publicKey,
			created_at: new Date(Date.now() - 60_000).toISOString(),
			created_by: null,
			retired_at: null
		})
		.execute();
	const made: Record<string, KeyedMember> = {};
	for (const m of members) {
		const keys = generateStaffKeyPairs(sodium);
		const row = await insertStaff(db, {
			username: m.name,
			role: m.role ?? 'reviewer',
			box_pk: keys.boxPublicKey,
			sign_pk: keys.signPublicKey
		});
		made[m.name] = { row, keys };
		if (m.holds ?? m.role !== 'analyst') {
			await db
				.insertInto('keyring_grants')
				.values({
					staff_id: row.id,
					version: 1,
					sealed_keyring: sealKeyring(sodium, keyring, keys.boxPublicKey),
					granted_by: null,
					granted_at: new Date().toISOString(),
					keys_from: null
				})
				.execute();
		}
	}
	return { sodium, keyring, publicKey, members: made };
}

/** A report body sealed to the given unit public key, as the reporter's browser seals it. */
export function reportTo(sodium: Sodium, unitKeyId: string, unitPublicKey: Uint8Array) {
	const reporter = sodium.crypto_box_keypair();
	const envelope = { v: 1, area: 'Central' };
	const sealed = sealReport(sodium, {
		body: { v: 1, narrative: 'He would not stop when I said no.' },
		envelope,
		unitKeyId,
		unitPublicKey,
		reporterPublicKey: reporter.publicKey
	});
	return { ...sealed, unitKeyId, envelope };
}

/** A signed policy-deviation record made by `member` at `at`, stored as the page stores it. */
export async function signedDeviation(db: Db, member: KeyedMember, at = new Date()) {
	const sodium = await getSodium();
	const record: DeviationRecord = {
		v: 1,
		kind: 'policy_deviation',
		staff_id: member.row.id,
		at: at.toISOString(),
		report_ref: null,
		text: 'Only one detective holds the keyring while the other is on leave; agreed by the inspector.'
	};
	const signature = signRecord(sodium, record, member.keys.signSecretKey);
	return (await recordDeviation(db, member.row, { record, signature }, at.getTime())).id;
}

export type { UnitKeyring };
