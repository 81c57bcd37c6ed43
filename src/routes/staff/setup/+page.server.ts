import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { createFirstAdmin, SETUP_DONE } from '$lib/server/staff/accounts';
import { issueEnrolment } from '$lib/server/staff/enrolment';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { hasStaff } from '$lib/server/staff/setup-code';
import { SetupForm } from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/server/errors';

/** First-run setup: open only while no staff member exists, and only with the printed code. */
export const load = (async () => {
	if (await hasStaff(await getDb())) {
		return { open: false as const };
	}
	return { open: true as const, enrolment: await issueEnrolment('setup') };
}) satisfies PageServerLoad;

export const actions = {
	default: ({ request }) =>
		refusalsAsFailures(async () => {
			const db = await getDb();
			if (await hasStaff(db)) {
				throw new DomainError(410, 'gone', SETUP_DONE);
			}
			const form = parseWith(SetupForm, await formFields(request));
			await createFirstAdmin(db, form);
			redirect(303, '/staff/login?welcome=setup');
		})
} satisfies Actions;
