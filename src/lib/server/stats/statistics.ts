import type { PublishedStats } from '../../api/stats';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { loadAreas } from '../settings/areas';
import { countReports, sumCounts } from './counts';
import { monthPeriod, type Period } from './period';
import { publish } from './tables';

export type StatsAction = 'stats.view' | 'stats.board' | 'stats.export';

/**
 * The period's published statistics, and the audit line saying who read them. The line names
 * the period only: the figures themselves are never written to the audit log. Everything is read
 * in the audit line's transaction, so the tables agree with each other and with their totals. A
 * period of several months is counted month by month: each month is suppressed as its own page
 * shows it, and the whole period is suppressed around them (tables.ts).
 */
export async function readStatistics(
	db: Db,
	staff: Staff,
	period: Period,
	action: StatsAction
): Promise<PublishedStats> {
	return withAudit(db, async (trx) => {
		const areas = await loadAreas(trx);
		let stats: PublishedStats;
		if (period.months.length === 1) {
			stats = publish(await countReports(trx, period), period, areas);
		} else {
			const counts = [];
			const months = [];
			for (const month of period.months) {
				const slice = monthPeriod(month);
				const raw = await countReports(trx, slice);
				counts.push(raw);
				months.push(publish(raw, slice, areas));
			}
			stats = publish(sumCounts(counts), period, areas, months);
		}
		return {
			result: stats,
			audit: {
				actorId: staff.id,
				action,
				subject: null,
				detail: { period: period.query }
			}
		};
	});
}
