import type { Kysely } from 'kysely';
import * as v from 'valibot';
import {
	RETENTION_DEFAULTS,
	RetentionSchema,
	type ReportPeriods,
	type RetentionPeriods
} from '../../report/retention';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { DomainError } from '../errors';
import { changeSetting } from '../settings/change';
import { getSetting } from '../settings/store';

const KEY = 'retention';

/** The periods in force: the admin's, or the defaults for any not set (or no longer valid). */
export async function loadRetention(db: Kysely<Database>): Promise<RetentionPeriods> {
	const stored = await getSetting(db, KEY);
	if (stored !== undefined) {
		try {
			const parsed = v.safeParse(RetentionSchema, {
				...RETENTION_DEFAULTS,
				...(JSON.parse(stored) as object)
			});
			if (parsed.success) {
				return parsed.output;
			}
		} catch {
			// A hand-edited value that no longer parses: the defaults keep deletion on schedule.
		}
	}
	return { ...RETENTION_DEFAULTS };
}

/** What a reporter's pages say about deletion: the periods that apply to reports, and no others. */
export async function loadReportPeriods(db: Kysely<Database>): Promise<ReportPeriods> {
	const { closedMonths, withdrawnDays } = await loadRetention(db);
	return { closedMonths, withdrawnDays };
}

/**
 * Saves new periods with one `settings.change` audit line naming the old and new value of each
 * period that changed. Saving the same values again changes nothing and writes nothing.
 */
export function changeRetention(
	db: Db,
	admin: Staff,
	next: RetentionPeriods
): Promise<{ changed: (keyof RetentionPeriods)[] }> {
	return changeSetting(db, admin, KEY, async (trx) => {
		const before = await loadRetention(trx);
		const changed = (Object.keys(RETENTION_DEFAULTS) as (keyof RetentionPeriods)[]).filter(
			(key) => before[key] !== next[key]
		);
		if (changed.length === 0) {
			// Thrown, so the transaction writes no audit line for a change that did not happen.
			throw new DomainError(400, 'unchanged', 'These are already the retention periods.');
		}
		const pick = (from: RetentionPeriods) => Object.fromEntries(changed.map((k) => [k, from[k]]));
		return {
			value: JSON.stringify(next),
			result: { changed },
			detail: { old: pick(before), new: pick(next) }
		};
	});
}
