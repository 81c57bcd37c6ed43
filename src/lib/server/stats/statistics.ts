import type { PublishedStats } from '../../api/stats';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { loadAreas } from '../settings/areas';
import { countReports } from './counts';
import type { Period } from './period';
import { publish } from './tables';

export type StatsAction = 'stats.view' | 'stats.board' | 'stats.export';

/** The period's published statistics, and the audit line saying who read them. The line names
 * the period only: the figures themselves are never written to the audit log. */
export async function readStatistics(
	db: Db,
	staff: Staff,
	period: Period,
	action: StatsAction
): Promise<PublishedStats> {
	const stats = publish(await countReports(db, period), period, await loadAreas(db));
	await withAudit(db, async () => ({
		result: undefined,
		audit: {
			actorId: staff.id,
			action,
			subject: null,
			detail: { period: period.query }
		}
	}));
	return stats;
}
