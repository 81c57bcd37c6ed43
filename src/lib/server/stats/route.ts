import { error, type RequestEvent } from '@sveltejs/kit';
import { serverNow } from '../clock';
import { getDb } from '../db';
import type { Staff } from '../db/schema';
import { parsePeriod } from './period';
import { readStatistics, type StatsAction } from './statistics';

/** Every staff role reads the statistics (analysts see nothing else). */
export const STATISTICS_ROLES = ['analyst', 'reviewer', 'admin'] as const;

/** The statistics a page or export asks for, for a member the route has checked: the period from
 * the query string (400 when it cannot be read), audited as `action`. */
export async function statisticsFor(event: RequestEvent, staff: Staff, action: StatsAction) {
	const parsed = parsePeriod(event.url.searchParams, serverNow());
	if (!parsed.ok) {
		error(400, { message: parsed.message, code: 'invalid' });
	}
	return readStatistics(await getDb(), staff, parsed.period, action);
}
