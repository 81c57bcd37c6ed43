import type { Kysely } from 'kysely';
import { timingSafeEqual } from 'node:crypto';
import { toBase64url, utf8 } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import { fingerprint } from '../../crypto/staff-keys';
import type { RecoveryImport, UnitKeyOnServer } from '../../api/recovery';
import { kitMismatch } from '../../staff/kit-match';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { DomainError } from '../errors';
import { nowIso } from '../time';
import { activeUnitKey } from '../reports/unit-key';
import { findGrant } from './repository';
import { serverSubkey } from './server-keys';

/** How long a challenge stays good: time enough to find the kit and type its passphrase. */
const CHALLENGE_MINUTES = 30;

/** Every unit key the server knows, oldest first, marked active if new reports use it. */
export async function unitKeysOnServer(db: Kysely<Database>): Promise<UnitKeyOnServer[]> {
	const sodium = await getSodium();
	const active = await activeUnitKey(db);
	const rows = await db
		.selectFrom('unit_keys')
		.select(['id', 'public_key'])
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	return rows.map((row) => {
		const publicKey = new Uint8Array(row.public_key);
		return {
			id: row.id,
			public_key: toBase64url(publicKey),
			fingerprint: fingerprint(sodium, publicKey),
			active: row.id === active?.id
		};
	});
}

/**
 * The rule for a grant with no grantor (docs/decisions.md "Recovery kit import"): an active admin
 * who holds no keyring may give it to themselves from a recovery kit only while no active admin
 * holds it, since otherwise that admin can grant it the usual way, after comparing fingerprints.
 */
export async function recoveryImportFor(
	db: Kysely<Database>,
	staff: Staff
): Promise<RecoveryImport> {
	if (staff.role !== 'admin' || staff.status !== 'active') {
		return { allowed: false, reason: 'Only an admin can open a recovery kit.' };
	}
	if (await findGrant(db, staff.id)) {
		return { allowed: false, reason: 'You already hold the unit keyring.' };
	}
	const holder = await db
		.selectFrom('keyring_grants')
		.innerJoin('staff', 'staff.id', 'keyring_grants.staff_id')
		.select('staff.username')
		.where('staff.role', '=', 'admin')
		.where('staff.status', '=', 'active')
		.limit(1)
		.executeTakeFirst();
	if (holder) {
		return {
			allowed: false,
			reason: `${holder.username} holds the unit keyring and can grant it to you from the team page.`
		};
	}
	const active = await activeUnitKey(db);
	if (!active) {
		return { allowed: false, reason: 'This portal has no unit key yet.' };
	}
	const issuedAt = nowIso();
	const sodium = await getSodium();
	const sealed = sodium.crypto_box_seal(
		await expectedProof(staff.id, issuedAt),
		new Uint8Array(active.public_key)
	);
	return { allowed: true, challenge: { issued_at: issuedAt, sealed: toBase64url(sealed) } };
}

/**
 * The challenge needs no storage: it is a keyed hash of the admin and the time it was issued,
 * under a subkey of the server secret, sealed to the active unit key. Only a browser holding that
 * key's secret half, from a genuine kit, can send it back.
 */
async function expectedProof(staffId: string, issuedAt: string): Promise<Uint8Array> {
	const sodium = await getSodium();
	return sodium.crypto_generichash(
		32,
		utf8(`recovery1|${staffId}|${issuedAt}`),
		await serverSubkey('recoveryProof')
	);
}

async function checkProof(staffId: string, proof: { issuedAt: string; value: Uint8Array }) {
	const age = Date.now() - Date.parse(proof.issuedAt);
	const expected = await expectedProof(staffId, proof.issuedAt);
	const matches =
		proof.value.length === expected.length &&
		timingSafeEqual(Buffer.from(proof.value), Buffer.from(expected));
	if (!matches) {
		throw new DomainError(
			400,
			'invalid',
			'This recovery kit does not hold the unit’s current secret key.'
		);
	}
	if (!(age >= 0 && age <= CHALLENGE_MINUTES * 60_000)) {
		throw new DomainError(
			409,
			'conflict',
			'This page was open too long. Reload it and open the recovery kit again.'
		);
	}
}

function checkKitKeys(serverKeys: UnitKeyOnServer[], keyIds: string[]) {
	const problem = kitMismatch(keyIds, serverKeys);
	if (problem) {
		throw new DomainError(400, 'invalid', problem);
	}
}

/**
 * Records that an admin's browser made a recovery kit. The kit never comes here: the audit line
 * says who made one, of which keyring version and unit keys, and when.
 */
export async function recordKitExport(
	db: Db,
	admin: Staff,
	kit: { version: number; keyIds: string[] }
) {
	await withAudit(db, async (trx) => {
		const own = await findGrant(trx, admin.id);
		if (!own || own.version !== kit.version) {
			throw new DomainError(
				409,
				'conflict',
				'Your keyring is out of date. Reload the page and unlock your keys again.'
			);
		}
		if (own.keys_from !== null) {
			throw new DomainError(
				409,
				'partial_keyring',
				'Your keyring opens only reports made since a key change, so a kit made from it could not restore the older ones. An admin who holds every key must make the recovery kit.'
			);
		}
		checkKitKeys(await unitKeysOnServer(trx), kit.keyIds);
		return {
			result: undefined,
			audit: {
				actorId: admin.id,
				action: 'unit_key.recovery_export',
				subject: admin.id,
				detail: { keyring_version: kit.version, unit_key_ids: kit.keyIds }
			}
		};
	});
}

/** Stores the keyring an admin's browser opened from a recovery kit and sealed to their own box
 * key. The server cannot read it; it checks the rule above, the kit's unit key ids, and the proof
 * that the kit holds the active unit key's secret half. */
export async function importRecoveryKit(
	db: Db,
	admin: Staff,
	kit: {
		version: number;
		keyIds: string[];
		sealedKeyring: Uint8Array;
		proof: { issuedAt: string; value: Uint8Array };
	}
) {
	await withAudit(db, async (trx) => {
		const rule = await recoveryImportFor(trx, admin);
		if (!rule.allowed) {
			throw new DomainError(409, 'conflict', rule.reason);
		}
		checkKitKeys(await unitKeysOnServer(trx), kit.keyIds);
		await checkProof(admin.id, kit.proof);
		await trx
			.insertInto('keyring_grants')
			.values({
				staff_id: admin.id,
				version: kit.version,
				sealed_keyring: kit.sealedKeyring,
				granted_by: admin.id,
				granted_at: nowIso()
			})
			.execute();
		return {
			result: undefined,
			audit: {
				actorId: admin.id,
				action: 'unit_key.recovery_import',
				subject: admin.id,
				detail: { keyring_version: kit.version, unit_key_ids: kit.keyIds }
			}
		};
	});
}
