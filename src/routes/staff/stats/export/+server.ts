import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { statsRows, toCsv } from '$lib/server/stats/csv';
import { parsePeriod } from '$lib/server/stats/period';
import { readStatistics } from '$lib/server/stats/statistics';
import type { RequestHandler } from './$types';

/** The statistics page as CSV: the same published (suppressed) figures, audited as an export. */
export const GET = (async (event) => {
	const staff = requireStaff(event, 'analyst', 'reviewer', 'admin');
	const parsed = parsePeriod(event.url.searchParams, new Date());
	if (!parsed.ok) {
		error(400, { message: parsed.message, code: 'invalid' });
	}
	const db = await getDb();
	const stats = await readStatistics(db, staff, parsed.period, 'stats.export');
	const name = `safereport-statistics-${Object.values(parsed.period.query).slice(1).join('-')}.csv`;
	return new Response(toCsv(statsRows(stats)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
}) satisfies RequestHandler;
