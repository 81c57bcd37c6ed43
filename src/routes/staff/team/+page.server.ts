import { toBase64url } from '$lib/crypto/encoding';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { createInvite, INVITE_HOURS, pendingInvites } from '$lib/server/staff/invites';
import { listTeam, toMe } from '$lib/server/staff/repository';
import { revokeInvite } from '$lib/server/staff/administration';
import { InviteIdForm } from '$lib/server/staff/administration-forms';
import { disableMember, grantKeyring } from '$lib/server/staff/team';
import { GrantForm, InviteForm, MemberForm } from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	const db = await getDb();
	const members = (await listTeam(db)).map((m) => ({
		id: m.id,
		username: m.username,
		role: m.role,
		team: m.team,
		status: m.status,
		boxPublicKey: toBase64url(new Uint8Array(m.box_pk)),
		keyringVersion: m.keyring_version
	}));
	return { me: toMe(admin), members, invites: await pendingInvites(db), inviteHours: INVITE_HOURS };
}) satisfies PageServerLoad;

export const actions = {
	invite: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(InviteForm, await formFields(event.request));
			const { token, expiresAt } = await createInvite(await getDb(), admin, form);
			return {
				invite: { link: `${event.url.origin}/staff/invite/${token}`, expiresAt, ...form }
			};
		}),
	grant: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(GrantForm, await formFields(event.request));
			await grantKeyring(await getDb(), admin, {
				memberId: form.member_id,
				version: form.version,
				sealedKeyring: form.sealed_keyring
			});
			return { granted: form.member_id };
		}),
	disable: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(MemberForm, await formFields(event.request));
			await disableMember(await getDb(), admin, form.member_id);
			return { disabled: form.member_id };
		}),
	revokeInvite: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const { invite } = parseWith(InviteIdForm, await formFields(event.request));
			await revokeInvite(await getDb(), admin, invite);
			return { inviteRevoked: invite };
		})
} satisfies Actions;
