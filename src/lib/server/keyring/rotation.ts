import type { Kysely } from 'kysely';
import { unitKeyIdOf } from '../../crypto/keyring';
import { getSodium } from '../../crypto/sodium';
import type { AuditInput } from '../audit/chain';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { DomainError } from '../errors';
import { findGrant } from '../staff/repository';
import { nowIso } from '../time';
import { countKeyHolders, keepTwoKeyHolders } from './key-holders';

type Executor = Kysely<Database>;

/** How much of the keyring a member keeps: every key, or only the new one (and later ones). */
export type GrantScope = 'all' | 'new';

/** What an admin's browser sends for a rotation: it made the new key pair and sealed the new
 * keyring to each member who keeps access; the server sees only public keys and sealed boxes. */
export interface Rotation {
	version: number;
	unitPublicKey: Uint8Array;
	grants: { staffId: string; sealedKeyring: Uint8Array; scope: GrantScope }[];
	/** Current holders the admin chose to leave out: they never get the new key. */
	removed: string[];
}

/** Active members who hold the keyring now, with what the refusals need to name them and where
 * each grant starts. */
const currentHolders = (db: Executor) =>
	db
		.selectFrom('keyring_grants')
		.innerJoin('staff', 'staff.id', 'keyring_grants.staff_id')
		.where('staff.status', '=', 'active')
		.select(['staff.id', 'staff.username', 'keyring_grants.keys_from'])
		.execute();

/**
 * Applies a rotation inside a transaction: the new public key becomes the one reporters seal to,
 * every older key is retired, and the grants are replaced. Refuses a rotation made from a stale
 * keyring, or one that does not account for every current holder (kept or removed on purpose).
 */
export async function applyRotation(
	trx: Executor,
	admin: Staff,
	rotation: Rotation,
	now: Date = new Date()
) {
	const own = await findGrant(trx, admin.id);
	if (!own) {
		throw new DomainError(
			403,
			'forbidden',
			'Only a member who holds the unit keyring can rotate it.'
		);
	}
	if (own.keys_from !== null) {
		throw new DomainError(
			409,
			'partial_keyring',
			'Your keyring does not hold the older unit keys, so a rotation made from it would lose them. An admin who holds every key must rotate.'
		);
	}
	if (rotation.version !== own.version + 1) {
		throw new DomainError(
			409,
			'stale_keyring',
			'Your keyring is out of date: someone has changed it since you unlocked it. Reload the page, unlock your keys and try again.'
		);
	}
	const holders = await currentHolders(trx);
	checkEveryHolderAccounted(admin, rotation, holders);

	const sodium = await getSodium();
	const keyId = unitKeyIdOf(sodium, rotation.unitPublicKey);
	const existing = await trx
		.selectFrom('unit_keys')
		.select('id')
		.where('id', '=', keyId)
		.executeTakeFirst();
	if (existing) {
		throw new DomainError(409, 'conflict', 'That unit key is already known. Please try again.');
	}
	const at = nowIso(now);
	const retired = await trx
		.updateTable('unit_keys')
		.set({ retired_at: at })
		.where('retired_at', 'is', null)
		.returning('id')
		.execute();
	await trx
		.insertInto('unit_keys')
		.values({
			id: keyId,
			public_key: rotation.unitPublicKey,
			created_at: at,
			created_by: admin.id,
			retired_at: null
		})
		.execute();
	if (rotation.removed.length > 0) {
		await trx.deleteFrom('keyring_grants').where('staff_id', 'in', rotation.removed).execute();
	}
	const startsAt = new Map(holders.map((h) => [h.id, h.keys_from]));
	for (const grant of rotation.grants) {
		await trx
			.updateTable('keyring_grants')
			.set({
				version: rotation.version,
				sealed_keyring: grant.sealedKeyring,
				granted_by: admin.id,
				granted_at: at,
				// "New reports only" keeps where a partial grant already starts (as the browser
				// sealed it), and starts a whole one at the new key.
				keys_from: grant.scope === 'new' ? (startsAt.get(grant.staffId) ?? keyId) : null
			})
			.where('staff_id', '=', grant.staffId)
			.execute();
	}
	return {
		unit_key_id: keyId,
		retired: retired.map((r) => r.id),
		version: rotation.version,
		kept: rotation.grants.map((g) => g.staffId),
		new_reports_only: rotation.grants.filter((g) => g.scope === 'new').map((g) => g.staffId),
		removed: rotation.removed
	};
}

function checkEveryHolderAccounted(
	admin: Staff,
	rotation: Rotation,
	holders: { id: string; username: string }[]
) {
	const kept = new Set(rotation.grants.map((g) => g.staffId));
	const removed = new Set(rotation.removed);
	if (kept.size !== rotation.grants.length || [...removed].some((id) => kept.has(id))) {
		throw new DomainError(400, 'invalid', 'Each member may appear only once in a rotation.');
	}
	const holderIds = new Set(holders.map((h) => h.id));
	for (const id of [...kept, ...removed]) {
		if (!holderIds.has(id)) {
			throw new DomainError(
				409,
				'conflict',
				'The team has changed since this page loaded: someone listed no longer holds the keyring. Reload the page and try again.'
			);
		}
	}
	const missed = holders.find((h) => !kept.has(h.id) && !removed.has(h.id));
	if (missed) {
		throw new DomainError(
			409,
			'holder_not_listed',
			`The rotation says nothing about ${missed.username}, who holds the keyring. Reload the page and choose for every member.`
		);
	}
	const self = rotation.grants.find((g) => g.staffId === admin.id);
	if (!self || self.scope !== 'all') {
		throw new DomainError(
			400,
			'invalid',
			'Keep every key in your own keyring: otherwise no one could open the older reports.'
		);
	}
}

/** Rotation on its own, from the team page: one transaction, one `unit_key.rotate` line. */
export async function rotateUnitKey(
	db: Db,
	admin: Staff,
	rotation: Rotation,
	deviationId: string | null,
	now: Date = new Date()
) {
	return withAudit(db, async (trx) => {
		const holdersBefore = await countKeyHolders(trx);
		const detail = await applyRotation(trx, admin, rotation, now);
		const cited = await keepTwoKeyHolders(
			trx,
			admin,
			{ action: 'unit_key.rotate', holdersBefore, deviationId },
			now
		);
		return {
			result: detail,
			audit: rotationAudit(admin, detail, cited)
		};
	});
}

export const rotationAudit = (
	admin: Staff,
	detail: Awaited<ReturnType<typeof applyRotation>>,
	deviationId: string | null
): AuditInput => ({
	actorId: admin.id,
	action: 'unit_key.rotate',
	subject: detail.unit_key_id,
	detail: { ...detail, ...(deviationId ? { deviation_id: deviationId } : {}) }
});
