import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { createFirstAdmin, SETUP_DONE } from '$lib/server/staff/accounts';
import { issueEnrolment } from '$lib/server/staff/enrolment';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { setupDone, unitKeyExists } from '$lib/server/staff/setup-code';
import { SetupForm } from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/server/errors';

/** First-run setup: open only while no active admin exists, and only with the printed code. When
 * the unit already has a key, it makes the admin only, who then opens the recovery kit. */
export const load = (async () => {
	const db = await getDb();
	if (await setupDone(db)) {
		return { open: false as const };
	}
	return {
		open: true as const,
		restoring: await unitKeyExists(db),
		enrolment: await issueEnrolment('setup')
	};
}) satisfies PageServerLoad;

export const actions = {
	default: ({ request }) =>
		refusalsAsFailures(async () => {
			const db = await getDb();
			if (await setupDone(db)) {
				throw new DomainError(410, 'gone', SETUP_DONE);
			}
			const form = parseWith(SetupForm, await formFields(request));
			await createFirstAdmin(db, form);
			redirect(303, '/staff/login?welcome=setup');
		})
} satisfies Actions;
