import type { Kysely, Transaction } from 'kysely';
import { toBase64url } from '../../crypto/encoding';
import type { StaffRole, Team } from '../../report/vocabulary';
import { withAudit } from '../audit/chain';
import { IDLE_MINUTES } from '../auth/sessions';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { DomainError } from '../errors';
import { addMinutes, nowIso } from '../time';
import { inviteLabel } from './invites';
import { findGrant, findStaffById } from './repository';

/** Staff administration (issue 12, item 7): each change is one audited transaction. */

async function memberOrFail(trx: Kysely<Database>, memberId: string) {
	const member = await findStaffById(trx, memberId);
	if (!member) {
		throw new DomainError(404, 'not_found', 'No member has that id.');
	}
	return member;
}

const activeAdmins = async (trx: Kysely<Database>) =>
	Number(
		(
			await trx
				.selectFrom('staff')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('role', '=', 'admin')
				.where('status', '=', 'active')
				.executeTakeFirstOrThrow()
		).n
	);

/** Re-enabling restores sign-in only: the keyring was taken away on disabling, so the member
 * still needs a new grant from a key holder before they can open a report. */
export function enableMember(db: Db, admin: Staff, memberId: string) {
	return withAudit(db, async (trx) => {
		const member = await memberOrFail(trx, memberId);
		if (member.status === 'active') {
			throw new DomainError(409, 'conflict', `${member.username} is already active.`);
		}
		await trx
			.updateTable('staff')
			.set({ status: 'active', disabled_at: null })
			.where('id', '=', member.id)
			.execute();
		return {
			result: member,
			audit: {
				actorId: admin.id,
				action: 'staff.enable',
				subject: member.id,
				detail: { username: member.username }
			}
		};
	});
}

/**
 * Analysts never hold the keyring (DESIGN §1), so a member who holds it must lose it first: the
 * server cannot take a key out of a browser, only the rotation can. The unit always keeps one
 * active admin, so no one can lock every admin out, themselves included.
 */
export function changeRole(db: Db, admin: Staff, memberId: string, role: StaffRole) {
	return withAudit(db, async (trx) => {
		const member = await memberOrFail(trx, memberId);
		if (member.role === role) {
			throw new DomainError(400, 'unchanged', `${member.username} is already ${an(role)}.`, 'role');
		}
		if (role === 'analyst' && (await findGrant(trx, member.id))) {
			throw new DomainError(
				409,
				'holds_keyring',
				`${member.username} holds the unit keyring, and analysts may not. Remove their key access first.`,
				'role'
			);
		}
		if (member.role === 'admin' && member.status === 'active' && (await activeAdmins(trx)) <= 1) {
			throw new DomainError(
				409,
				'last_admin',
				member.id === admin.id
					? 'You are the only admin. Make someone else an admin first, or nobody could manage the team.'
					: `${member.username} is the only active admin. Make someone else an admin first.`,
				'role'
			);
		}
		await trx.updateTable('staff').set({ role }).where('id', '=', member.id).execute();
		return {
			result: member,
			audit: {
				actorId: admin.id,
				action: 'staff.role',
				subject: member.id,
				detail: { username: member.username, old: member.role, new: role }
			}
		};
	});
}

export function changeTeam(db: Db, admin: Staff, memberId: string, team: Team) {
	return withAudit(db, async (trx) => {
		const member = await memberOrFail(trx, memberId);
		if (member.team === team) {
			throw new DomainError(400, 'unchanged', `${member.username} is already in ${team}.`, 'team');
		}
		await trx.updateTable('staff').set({ team }).where('id', '=', member.id).execute();
		return {
			result: member,
			audit: {
				actorId: admin.id,
				action: 'staff.team',
				subject: member.id,
				detail: { username: member.username, old: member.team, new: team }
			}
		};
	});
}

/** A member's live sign-ins: when each began and was last used. Nothing else is stored. */
export async function activeSessions(db: Kysely<Database>, memberId: string, now = nowIso()) {
	const idleSince = addMinutes(now, -IDLE_MINUTES);
	const rows = await db
		.selectFrom('sessions')
		.select(['id_hash', 'created_at', 'last_seen_at'])
		.where('staff_id', '=', memberId)
		.where('expires_at', '>', now)
		.where('last_seen_at', '>', idleSince)
		.orderBy('created_at', 'desc')
		.execute();
	return rows.map((r) => ({
		key: toBase64url(new Uint8Array(r.id_hash)).slice(0, 12),
		created_at: r.created_at,
		last_seen_at: r.last_seen_at,
		idHash: new Uint8Array(r.id_hash)
	}));
}

/**
 * Ends every session of the member. An admin doing this for themselves keeps the session they
 * are using, so the button cannot sign them out of the page they pressed it on.
 */
export function signOutEverywhere(
	db: Db,
	admin: Staff,
	memberId: string,
	currentSession: Uint8Array | null
) {
	return withAudit(db, async (trx) => {
		const member = await memberOrFail(trx, memberId);
		const keep = member.id === admin.id ? currentSession : null;
		const ended = await trx
			.deleteFrom('sessions')
			.where('staff_id', '=', member.id)
			.$if(keep !== null, (qb) => qb.where('id_hash', '!=', keep!))
			.executeTakeFirst();
		const count = Number(ended.numDeletedRows);
		return {
			result: count,
			audit: {
				actorId: admin.id,
				action: 'staff.sign_out',
				subject: member.id,
				detail: { username: member.username, sessions_ended: count }
			}
		};
	});
}

/** Revokes an invite nobody has used yet: its link stops working at once. */
export function revokeInvite(db: Db, admin: Staff, inviteId: string) {
	return withAudit(db, async (trx: Transaction<Database>) => {
		const invites = await trx
			.selectFrom('invites')
			.select(['token_hash', 'role', 'team'])
			.where('used_at', 'is', null)
			.execute();
		const invite = invites.find((i) => inviteLabel(new Uint8Array(i.token_hash)) === inviteId);
		if (!invite) {
			throw new DomainError(404, 'not_found', 'That invite was used or revoked already.');
		}
		await trx.deleteFrom('invites').where('token_hash', '=', invite.token_hash).execute();
		return {
			result: undefined,
			audit: {
				actorId: admin.id,
				action: 'staff.invite_revoke',
				subject: null,
				detail: { invite: inviteId, role: invite.role, team: invite.team }
			}
		};
	});
}

const an = (role: string) => (/^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`);
