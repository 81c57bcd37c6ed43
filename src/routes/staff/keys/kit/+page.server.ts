import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { recordKitExport } from '$lib/server/staff/recovery';
import { toMe } from '$lib/server/staff/repository';
import { KitExportForm } from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';

/** The recovery kit is made in the admin's browser; the server only records that one was made. */
export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	return { me: toMe(admin) };
}) satisfies PageServerLoad;

export const actions = {
	exported: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(KitExportForm, await formFields(event.request));
			await recordKitExport(await getDb(), admin, {
				version: form.version,
				keyIds: form.key_ids
			});
			return { recorded: true };
		})
} satisfies Actions;
