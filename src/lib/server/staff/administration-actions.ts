import type { RequestEvent } from '@sveltejs/kit';
import { requireStaff } from '../auth/guard';
import { getDb } from '../db';
import { revokeInvite } from './administration';
import { InviteIdForm } from './administration-forms';
import { formFields, parseWith, refusalsAsFailures } from './form';

/** The team page's "Revoke" beside an open invite. */
export const revokeInviteAction = (event: RequestEvent) =>
	refusalsAsFailures(async () => {
		const admin = requireStaff(event, 'admin');
		const { invite } = parseWith(InviteIdForm, await formFields(event.request));
		await revokeInvite(await getDb(), admin, invite);
		return { inviteRevoked: invite };
	});
