import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { toMe } from '$lib/server/staff/repository';
import { CASE_ROLES } from '$lib/server/triage/api';
import { staffBulletin, staffWarningList } from '$lib/server/warnings/staff-view';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const staff = requireStaff(event, ...CASE_ROLES);
	const db = await getDb();
	return {
		me: toMe(staff),
		warnings: await staffWarningList(db),
		bulletin: await staffBulletin(db)
	};
}) satisfies PageServerLoad;
