import { withAudit, type AuditInput } from '../audit/chain';
import { endAllSessions } from '../auth/sessions';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { nowIso } from '../time';
import { findGrant, findStaffById } from './repository';
import { DomainError } from '../errors';
import { countKeyHolders, keepTwoKeyHolders } from '../keyring/key-holders';
import { applyRotation, rotationAudit, type Rotation } from '../keyring/rotation';

/**
 * Records the keyring an admin's browser sealed to a member's box key. The server cannot read it;
 * it checks only that the member may hold it and that it is the admin's current version.
 */
export async function grantKeyring(
	db: Db,
	admin: Staff,
	grant: { memberId: string; version: number; sealedKeyring: Uint8Array }
) {
	await withAudit(db, async (trx) => {
		const member = await findStaffById(trx, grant.memberId);
		if (!member || member.status !== 'active') {
			throw new DomainError(404, 'not_found', 'That member is not active.');
		}
		if (member.role === 'analyst') {
			throw new DomainError(
				400,
				'invalid',
				'Analysts see statistics only and do not hold the unit keyring.'
			);
		}
		if (await findGrant(trx, member.id)) {
			throw new DomainError(409, 'conflict', `${member.username} already holds the unit keyring.`);
		}
		const own = await findGrant(trx, admin.id);
		if (!own || own.version !== grant.version) {
			throw new DomainError(
				409,
				'conflict',
				'Your keyring is out of date. Reload the page and unlock your keys again.'
			);
		}
		await trx
			.insertInto('keyring_grants')
			.values({
				staff_id: member.id,
				version: grant.version,
				sealed_keyring: grant.sealedKeyring,
				granted_by: admin.id,
				granted_at: nowIso(),
				// The admin sealed their own keyring: the member gets the same keys, no more.
				keys_from: own.keys_from
			})
			.execute();
		return {
			result: undefined,
			audit: {
				actorId: admin.id,
				action: 'staff.grant',
				subject: member.id,
				detail: { username: member.username, version: grant.version }
			}
		};
	});
}

/**
 * Disabling ends the member's sessions and removes their keyring at once. With a rotation in the
 * same step, reports made from now on are sealed to a key the member never had: their old grant
 * (which they may have copied while it was theirs) still opens everything made before.
 */
export async function disableMember(
	db: Db,
	admin: Staff,
	memberId: string,
	options: { rotation?: Rotation; deviationId?: string | null } = {},
	now: Date = new Date()
) {
	await withAudit(db, async (trx) => {
		if (memberId === admin.id) {
			throw new DomainError(400, 'invalid', 'You cannot disable your own account.');
		}
		const member = await findStaffById(trx, memberId);
		if (!member || member.status !== 'active') {
			throw new DomainError(404, 'not_found', 'That member is not active.');
		}
		const holdersBefore = await countKeyHolders(trx);
		await trx
			.updateTable('staff')
			.set({ status: 'disabled', disabled_at: nowIso(now) })
			.where('id', '=', member.id)
			.execute();
		await trx.deleteFrom('keyring_grants').where('staff_id', '=', member.id).execute();
		await endAllSessions(trx, member.id);
		const rotated = options.rotation
			? await applyRotation(trx, admin, options.rotation, now)
			: null;
		const cited = await keepTwoKeyHolders(
			trx,
			admin,
			{ action: 'staff.disable', holdersBefore, deviationId: options.deviationId ?? null },
			now
		);
		const audit: AuditInput[] = [
			{
				actorId: admin.id,
				action: 'staff.disable',
				subject: member.id,
				detail: {
					username: member.username,
					...(rotated ? { unit_key_id: rotated.unit_key_id } : {}),
					...(cited ? { deviation_id: cited } : {})
				}
			}
		];
		if (rotated) {
			audit.push(rotationAudit(admin, rotated, null));
		}
		return { result: undefined, audit };
	});
}

/** Takes the keyring from a member who stays active. The server stops serving it to them; only a
 * rotation keeps them out of reports made afterwards, if they kept a copy. */
export async function removeGrant(
	db: Db,
	admin: Staff,
	memberId: string,
	deviationId: string | null,
	now: Date = new Date()
) {
	await withAudit(db, async (trx) => {
		const member = await findStaffById(trx, memberId);
		if (!member || member.status !== 'active') {
			throw new DomainError(404, 'not_found', 'That member is not active.');
		}
		if (!(await findGrant(trx, member.id))) {
			throw new DomainError(409, 'conflict', `${member.username} does not hold the unit keyring.`);
		}
		const holdersBefore = await countKeyHolders(trx);
		await trx.deleteFrom('keyring_grants').where('staff_id', '=', member.id).execute();
		const cited = await keepTwoKeyHolders(
			trx,
			admin,
			{ action: 'staff.keyring_remove', holdersBefore, deviationId },
			now
		);
		return {
			result: undefined,
			audit: {
				actorId: admin.id,
				action: 'staff.keyring_remove',
				subject: member.id,
				detail: { username: member.username, ...(cited ? { deviation_id: cited } : {}) }
			}
		};
	});
}
