import { requireStaff } from '$lib/server/auth/guard';
import { STATISTICS_ROLES, statisticsFor } from '$lib/server/stats/route';
import { nowIso } from '$lib/server/time';
import type { PageServerLoad } from './$types';

/** The one-page summary the liaison officer takes to the DASV group and the Health and Wellbeing
 * Board: the same suppressed figures as the statistics page, laid out for printing. */
export const load = (async (event) => ({
	stats: await statisticsFor(event, requireStaff(event, ...STATISTICS_ROLES), 'stats.board'),
	producedAt: nowIso()
})) satisfies PageServerLoad;
