import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { PortalNamesForm } from '$lib/server/settings/forms';
import { savePortalNames } from '$lib/server/settings/portal';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { toMe } from '$lib/server/staff/repository';
import { PORTAL_NAME_MAX, UNIT_NAME_MAX } from '$lib/settings/portal';
import type { Actions, PageServerLoad } from './$types';

export const load = ((event) => {
	const admin = requireStaff(event, 'admin');
	return { me: toMe(admin), limits: { name: PORTAL_NAME_MAX, unit: UNIT_NAME_MAX } };
}) satisfies PageServerLoad;

export const actions = {
	default: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const names = parseWith(PortalNamesForm, await formFields(event.request));
			return { saved: await savePortalNames(await getDb(), admin, names) };
		})
} satisfies Actions;
