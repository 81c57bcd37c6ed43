import { statsRows, toCsv } from '$lib/server/stats/csv';
import { requireStaff } from '$lib/server/auth/guard';
import { STATISTICS_ROLES, statisticsFor } from '$lib/server/stats/route';
import type { RequestHandler } from './$types';

/** The statistics page as CSV: the same published (suppressed) figures, audited as an export. */
export const GET = (async (event) => {
	const stats = await statisticsFor(
		event,
		requireStaff(event, ...STATISTICS_ROLES),
		'stats.export'
	);
	const name = `safereport-statistics-${Object.values(stats.period.query).slice(1).join('-')}.csv`;
	return new Response(toCsv(statsRows(stats)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
}) satisfies RequestHandler;
