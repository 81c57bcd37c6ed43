import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fromBase64url, toBase64url } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Database, MemberRole, StaffTeam } from '../db/schema';
import { addMinutes, nowIso } from '../time';

export const INVITE_HOURS = 72;

/** Only the hash of an invite token is stored: a database copy cannot be used to join. */
export async function hashInviteToken(token: string): Promise<Uint8Array> {
	let raw: Uint8Array;
	try {
		raw = fromBase64url(token);
	} catch {
		raw = new Uint8Array(0);
	}
	return (await getSodium()).crypto_generichash(32, raw, null);
}

/** What an invite's enrolment token is bound to: its token's hash, never the token itself. */
export const inviteBinding = async (token: string) => toBase64url(await hashInviteToken(token));

/** A short, non-secret name for an invite in the audit log and on the team page (a prefix of its
 * token's hash: unlike the token, it cannot be used to join). */
export const inviteLabel = (hash: Uint8Array) => toBase64url(hash.subarray(0, 6));

/** An invite to the unit's staff, or (with `orgId`) to a partner organisation's workers. */
export async function createInvite(
	db: Db,
	admin: { id: string },
	invite: { role: MemberRole; team: StaffTeam; orgId?: string }
): Promise<{ token: string; expiresAt: string }> {
	const token = toBase64url(new Uint8Array(randomBytes(32)));
	const hash = await hashInviteToken(token);
	const now = nowIso();
	const expiresAt = addMinutes(now, INVITE_HOURS * 60);
	await withAudit(db, async (trx) => {
		await trx
			.insertInto('invites')
			.values({
				token_hash: hash,
				role: invite.role,
				team: invite.team,
				org_id: invite.orgId ?? null,
				created_by: admin.id,
				created_at: now,
				expires_at: expiresAt,
				used_at: null,
				used_by: null
			})
			.execute();
		return {
			result: undefined,
			audit: {
				actorId: admin.id,
				action: invite.orgId ? 'partner.invite' : 'staff.invite',
				subject: invite.orgId ?? null,
				detail: {
					invite: inviteLabel(hash),
					role: invite.role,
					team: invite.team,
					expires_at: expiresAt
				}
			}
		};
	});
	return { token, expiresAt };
}

/** The invite behind a link, if it can still be used. */
export async function findUsableInvite(db: Kysely<Database>, token: string) {
	return db
		.selectFrom('invites')
		.select(['role', 'team', 'org_id', 'expires_at'])
		.where('token_hash', '=', await hashInviteToken(token))
		.where('used_at', 'is', null)
		.where('expires_at', '>', nowIso())
		.executeTakeFirst();
}

export const pendingInvites = async (db: Kysely<Database>) =>
	(
		await db
			.selectFrom('invites')
			.select(['token_hash', 'role', 'team', 'created_at', 'expires_at'])
			.where('org_id', 'is', null)
			.where('used_at', 'is', null)
			.where('expires_at', '>', nowIso())
			.orderBy('created_at')
			.execute()
	).map(({ token_hash, ...invite }) => ({
		id: inviteLabel(new Uint8Array(token_hash)),
		...invite
	}));
