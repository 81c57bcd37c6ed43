import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSession, validateSession } from '../../src/lib/server/auth/sessions';
import type { Db } from '../../src/lib/server/db';
import { DomainError } from '../../src/lib/server/errors';
import {
	activeSessions,
	changeRole,
	changeTeam,
	enableMember,
	revokeInvite,
	signOutEverywhere
} from '../../src/lib/server/staff/administration';
import { createInvite, findUsableInvite, pendingInvites } from '../../src/lib/server/staff/invites';
import { disableMember } from '../../src/lib/server/staff/team';
import { freshDb } from './support/db';
import { insertStaff } from './support/staff';

const lastAudit = async (db: Db) => {
	const row = await db
		.selectFrom('audit_events')
		.select(['action', 'subject', 'actor_id', 'detail_json'])
		.orderBy('seq', 'desc')
		.executeTakeFirstOrThrow();
	return { ...row, detail: JSON.parse(row.detail_json) as unknown };
};
const auditCount = async (db: Db) =>
	(await db.selectFrom('audit_events').select('seq').execute()).length;

const refusal = async (work: Promise<unknown>) => {
	try {
		await work;
	} catch (e) {
		if (e instanceof DomainError) {
			return { status: e.status, code: e.code, message: e.message };
		}
		throw e;
	}
	throw new Error('expected a refusal');
};

async function team() {
	const { db } = await freshDb();
	const admin = await insertStaff(db, { role: 'admin', username: 'ada.admin' });
	const rita = await insertStaff(db, { role: 'reviewer', username: 'rita.reviewer' });
	const grant = (staffId: string) =>
		db
			.insertInto('keyring_grants')
			.values({
				staff_id: staffId,
				version: 1,
				sealed_keyring: randomBytes(120),
				granted_by: admin.id,
				granted_at: new Date().toISOString()
			})
			.execute();
	const staffRow = (id: string) =>
		db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	return { db, admin, rita, grant, staffRow };
}

describe('staff administration', () => {
	it('re-enables a disabled member, who can sign in but holds no keyring until granted again', async () => {
		const { db, admin, rita, grant, staffRow } = await team();
		// Two others keep the keyring, so disabling Rita leaves the unit two key holders.
		const kim = await insertStaff(db, { role: 'reviewer', username: 'kim.reviewer' });
		await grant(admin.id);
		await grant(kim.id);
		await grant(rita.id);
		await disableMember(db, admin, rita.id);
		await enableMember(db, admin, rita.id);
		expect(await staffRow(rita.id)).toMatchObject({ status: 'active', disabled_at: null });
		const token = await createSession(db, rita.id);
		expect((await validateSession(db, token))?.staff.id).toBe(rita.id);
		expect(
			await db
				.selectFrom('keyring_grants')
				.where('staff_id', '=', rita.id)
				.select('version')
				.execute()
		).toEqual([]);
		expect(await lastAudit(db)).toMatchObject({
			action: 'staff.enable',
			subject: rita.id,
			actor_id: admin.id
		});
		expect(await refusal(enableMember(db, admin, rita.id))).toMatchObject({ status: 409 });
	});

	it('changes a role, but not to analyst while the member holds the keyring', async () => {
		const { db, admin, rita, grant, staffRow } = await team();
		await changeRole(db, admin, rita.id, 'admin');
		expect((await staffRow(rita.id)).role).toBe('admin');
		expect(await lastAudit(db)).toMatchObject({
			action: 'staff.role',
			subject: rita.id,
			detail: { username: 'rita.reviewer', old: 'reviewer', new: 'admin' }
		});

		await grant(rita.id);
		const before = await auditCount(db);
		const refused = await refusal(changeRole(db, admin, rita.id, 'analyst'));
		expect(refused).toMatchObject({ status: 409, code: 'holds_keyring' });
		expect(refused.message).toContain('Remove their key access first');
		expect((await staffRow(rita.id)).role).toBe('admin');
		expect(await auditCount(db)).toBe(before);

		// Without the keyring the same change goes through.
		await db.deleteFrom('keyring_grants').where('staff_id', '=', rita.id).execute();
		await changeRole(db, admin, rita.id, 'analyst');
		expect((await staffRow(rita.id)).role).toBe('analyst');
	});

	it('never demotes the last active admin, themselves included', async () => {
		const { db, admin, rita, staffRow } = await team();
		expect(await refusal(changeRole(db, admin, admin.id, 'reviewer'))).toMatchObject({
			status: 409,
			code: 'last_admin',
			message: expect.stringContaining('You are the only admin')
		});
		expect((await staffRow(admin.id)).role).toBe('admin');
		// A disabled admin does not count as a second one.
		await changeRole(db, admin, rita.id, 'admin');
		await disableMember(db, admin, rita.id);
		expect(await refusal(changeRole(db, admin, admin.id, 'reviewer'))).toMatchObject({
			code: 'last_admin'
		});
		// With another active admin, stepping down is allowed.
		await enableMember(db, admin, rita.id);
		await changeRole(db, admin, admin.id, 'reviewer');
		expect((await staffRow(admin.id)).role).toBe('reviewer');
	});

	it('moves a member to another team', async () => {
		const { db, admin, rita, staffRow } = await team();
		await changeTeam(db, admin, rita.id, 'CSE');
		expect((await staffRow(rita.id)).team).toBe('CSE');
		expect(await lastAudit(db)).toMatchObject({
			action: 'staff.team',
			detail: { old: 'RASSO', new: 'CSE' }
		});
		expect(await refusal(changeTeam(db, admin, rita.id, 'CSE'))).toMatchObject({ status: 400 });
	});

	it('lists live sessions and signs a member out everywhere', async () => {
		const { db, admin, rita } = await team();
		const phone = await createSession(db, rita.id);
		const desk = await createSession(db, rita.id);
		const mine = await createSession(db, admin.id);
		const sessions = await activeSessions(db, rita.id);
		expect(sessions).toHaveLength(2);
		expect(Object.keys(sessions[0]).sort()).toEqual([
			'created_at',
			'idHash',
			'key',
			'last_seen_at'
		]);

		expect(await signOutEverywhere(db, admin, rita.id, null)).toBe(2);
		expect(await validateSession(db, phone)).toBeNull();
		expect(await validateSession(db, desk)).toBeNull();
		expect(await validateSession(db, mine)).not.toBeNull();
		expect(await lastAudit(db)).toMatchObject({
			action: 'staff.sign_out',
			subject: rita.id,
			detail: { sessions_ended: 2 }
		});
	});

	it('an admin signing themselves out everywhere keeps the session they use', async () => {
		const { db, admin } = await team();
		const here = await createSession(db, admin.id);
		const elsewhere = await createSession(db, admin.id);
		const current = (await validateSession(db, here))!.idHash;
		expect(await signOutEverywhere(db, admin, admin.id, current)).toBe(1);
		expect(await validateSession(db, here)).not.toBeNull();
		expect(await validateSession(db, elsewhere)).toBeNull();
	});

	it('revokes an unused invite: its link stops working', async () => {
		const { db, admin } = await team();
		const { token } = await createInvite(db, admin, { role: 'reviewer', team: 'Liaison' });
		expect(await findUsableInvite(db, token)).toBeDefined();
		const [open] = await pendingInvites(db);
		await revokeInvite(db, admin, open.id);
		expect(await findUsableInvite(db, token)).toBeUndefined();
		expect(await pendingInvites(db)).toEqual([]);
		expect(await lastAudit(db)).toMatchObject({
			action: 'staff.invite_revoke',
			detail: { invite: open.id, role: 'reviewer', team: 'Liaison' }
		});
		expect(await refusal(revokeInvite(db, admin, open.id))).toMatchObject({ status: 404 });
	});
});
