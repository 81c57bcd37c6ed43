import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import {
	activeSessions,
	changeRole,
	changeTeam,
	enableMember,
	signOutEverywhere
} from '$lib/server/staff/administration';
import { RoleForm, TeamForm } from '$lib/server/staff/administration-forms';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { findGrant, findStaffById, toMe } from '$lib/server/staff/repository';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const memberId = (event: RequestEvent) => {
	if (!v.is(v.pipe(v.string(), v.uuid()), event.params.id)) {
		error(404, { message: 'No member has that id.', code: 'not_found' });
	}
	return event.params.id;
};

export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	const db = await getDb();
	const member = await findStaffById(db, memberId(event));
	if (!member) {
		error(404, { message: 'No member has that id.', code: 'not_found' });
	}
	const grant = await findGrant(db, member.id);
	const current = event.locals.sessionId;
	const sessions = (await activeSessions(db, member.id)).map(({ idHash, ...s }) => ({
		...s,
		current: current !== null && Buffer.from(idHash).equals(Buffer.from(current))
	}));
	return {
		me: toMe(admin),
		member: {
			id: member.id,
			username: member.username,
			role: member.role,
			team: member.team,
			status: member.status,
			createdAt: member.created_at,
			disabledAt: member.disabled_at,
			keyringVersion: grant?.version ?? null
		},
		sessions
	};
}) satisfies PageServerLoad;

export const actions = {
	enable: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			await enableMember(await getDb(), admin, memberId(event));
			return { done: 'enabled' as const };
		}),
	role: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const { role } = parseWith(RoleForm, await formFields(event.request));
			await changeRole(await getDb(), admin, memberId(event), role);
			return { done: 'role' as const };
		}),
	team: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const { team } = parseWith(TeamForm, await formFields(event.request));
			await changeTeam(await getDb(), admin, memberId(event), team);
			return { done: 'team' as const };
		}),
	signOut: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const ended = await signOutEverywhere(
				await getDb(),
				admin,
				memberId(event),
				event.locals.sessionId
			);
			return { done: 'signed_out' as const, ended };
		})
} satisfies Actions;
