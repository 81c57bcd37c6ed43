import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { changePassphrase } from '$lib/server/staff/passphrase';
import { toMe } from '$lib/server/staff/repository';
import { PassphraseForm } from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const staff = requireStaff(event);
	return { me: toMe(staff) };
}) satisfies PageServerLoad;

export const actions = {
	default: (event) =>
		refusalsAsFailures(async () => {
			const staff = requireStaff(event);
			const form = parseWith(PassphraseForm, await formFields(event.request));
			await changePassphrase(await getDb(), staff, event.locals.sessionId, form);
			return { changed: true };
		})
} satisfies Actions;
