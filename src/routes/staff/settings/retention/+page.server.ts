import { RETENTION_DEFAULTS, RETENTION_LIMITS, RetentionSchema } from '$lib/report/retention';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { dueSummary } from '$lib/server/retention/due';
import { changeRetention, loadRetention } from '$lib/server/retention/settings';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { toMe } from '$lib/server/staff/repository';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	const db = await getDb();
	const periods = await loadRetention(db);
	return {
		me: toMe(admin),
		periods,
		defaults: RETENTION_DEFAULTS,
		limits: RETENTION_LIMITS,
		due: await dueSummary(db, new Date(), periods)
	};
}) satisfies PageServerLoad;

export const actions = {
	save: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const periods = parseWith(RetentionSchema, await formFields(event.request));
			const { changed } = await changeRetention(await getDb(), admin, periods);
			return { saved: changed.length };
		})
} satisfies Actions;
