import { getDb } from '$lib/server/db';
import { findOrg } from '$lib/server/partners/orgs';
import { onboardMember } from '$lib/server/staff/accounts';
import { issueEnrolment } from '$lib/server/staff/enrolment';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { findUsableInvite, inviteBinding } from '$lib/server/staff/invites';
import { OnboardForm } from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';

/** Reachable without a session: the token in the link is the new worker's only credential. Only
 * an invite to a partner organisation opens here. */
export const load = (async ({ params }) => {
	const db = await getDb();
	const invite = await findUsableInvite(db, params.token);
	const org = invite?.org_id ? await findOrg(db, invite.org_id) : undefined;
	if (!invite || !org || org.status !== 'active') {
		return { invite: null };
	}
	return {
		invite: { org: org.name, expiresAt: invite.expires_at },
		enrolment: await issueEnrolment('invite', await inviteBinding(params.token))
	};
}) satisfies PageServerLoad;

export const actions = {
	default: ({ request, params }) =>
		refusalsAsFailures(async () => {
			const form = parseWith(OnboardForm, await formFields(request));
			await onboardMember(await getDb(), params.token, form, 'partner');
			return { onboarded: form.username };
		})
} satisfies Actions;
