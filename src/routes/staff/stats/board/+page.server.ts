import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parsePeriod } from '$lib/server/stats/period';
import { readStatistics } from '$lib/server/stats/statistics';
import { nowIso } from '$lib/server/time';
import type { PageServerLoad } from './$types';

/** The one-page summary the liaison officer takes to the DASV group and the Health and Wellbeing
 * Board: the same suppressed figures as the statistics page, laid out for printing. */
export const load = (async (event) => {
	const staff = requireStaff(event, 'analyst', 'reviewer', 'admin');
	const parsed = parsePeriod(event.url.searchParams, new Date());
	if (!parsed.ok) {
		error(400, { message: parsed.message, code: 'invalid' });
	}
	const db = await getDb();
	return {
		stats: await readStatistics(db, staff, parsed.period, 'stats.board'),
		producedAt: nowIso()
	};
}) satisfies PageServerLoad;
