import { requireStaff } from '$lib/server/auth/guard';
import { STATISTICS_ROLES, statisticsFor } from '$lib/server/stats/route';
import type { PageServerLoad } from './$types';

/** Statistics for a period, for every staff role: counts from envelope and triage columns only,
 * after small-number suppression. Each view is audited with the period it showed. */
export const load = (async (event) => ({
	stats: await statisticsFor(event, requireStaff(event, ...STATISTICS_ROLES), 'stats.view')
})) satisfies PageServerLoad;
