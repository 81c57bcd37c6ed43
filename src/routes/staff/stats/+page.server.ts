import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parsePeriod } from '$lib/server/stats/period';
import { readStatistics } from '$lib/server/stats/statistics';
import type { PageServerLoad } from './$types';

/** Statistics for a period, for every staff role: counts from envelope and triage columns only,
 * after small-number suppression. Each view is audited with the period it showed. */
export const load = (async (event) => {
	const staff = requireStaff(event, 'analyst', 'reviewer', 'admin');
	const parsed = parsePeriod(event.url.searchParams, new Date());
	if (!parsed.ok) {
		error(400, { message: parsed.message, code: 'invalid' });
	}
	const db = await getDb();
	return { stats: await readStatistics(db, staff, parsed.period, 'stats.view') };
}) satisfies PageServerLoad;
