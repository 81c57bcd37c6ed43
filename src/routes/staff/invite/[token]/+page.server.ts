import { getDb } from '$lib/server/db';
import { onboardMember } from '$lib/server/staff/accounts';
import { issueEnrolment } from '$lib/server/staff/enrolment';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { findUsableInvite, inviteBinding } from '$lib/server/staff/invites';
import { OnboardForm } from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';

/** Reachable without a session: the token in the link is the invitee's only credential. */
export const load = (async ({ params }) => {
	const invite = await findUsableInvite(await getDb(), params.token);
	// A partner organisation's invite is opened at /partner/invite, never here.
	if (!invite || invite.org_id !== null) {
		return { invite: null };
	}
	return {
		invite: { role: invite.role, team: invite.team, expiresAt: invite.expires_at },
		enrolment: await issueEnrolment('invite', await inviteBinding(params.token))
	};
}) satisfies PageServerLoad;

export const actions = {
	default: ({ request, params }) =>
		refusalsAsFailures(async () => {
			const form = parseWith(OnboardForm, await formFields(request));
			await onboardMember(await getDb(), params.token, form);
			return { onboarded: form.username };
		})
} satisfies Actions;
