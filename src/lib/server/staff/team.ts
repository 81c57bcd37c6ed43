import { withAudit } from '../audit/chain';
import { endAllSessions } from '../auth/sessions';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { nowIso } from '../time';
import { findGrant, findStaffById } from './repository';
import { DomainError } from '../errors';

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
				granted_at: nowIso()
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

/** Disabling ends the member's sessions and removes their keyring at once. */
export async function disableMember(db: Db, admin: Staff, memberId: string) {
	await withAudit(db, async (trx) => {
		if (memberId === admin.id) {
			throw new DomainError(400, 'invalid', 'You cannot disable your own account.');
		}
		const member = await findStaffById(trx, memberId);
		if (!member || member.status !== 'active') {
			throw new DomainError(404, 'not_found', 'That member is not active.');
		}
		const now = nowIso();
		await trx
			.updateTable('staff')
			.set({ status: 'disabled', disabled_at: now })
			.where('id', '=', member.id)
			.execute();
		await trx.deleteFrom('keyring_grants').where('staff_id', '=', member.id).execute();
		await endAllSessions(trx, member.id);
		return {
			result: undefined,
			audit: {
				actorId: admin.id,
				action: 'staff.disable',
				subject: member.id,
				detail: { username: member.username }
			}
		};
	});
}
