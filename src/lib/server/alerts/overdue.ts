import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { loadAlertSettings } from './settings';

export interface OverdueRules {
	safeguardingMinutes: number;
	anyDays: number;
}

export interface OverdueCandidate {
	createdAt: string;
	safeguarding: boolean;
	firstOpenedAt: string | null;
	status: string;
}

/**
 * Unopened for too long: a safeguarding report after `safeguardingMinutes`, any report after
 * `anyDays`. Arrival is stored only to the hour (reporter-time.ts), so the badge may show up to
 * an hour early, never late: for a child's report, early is the safe side.
 */
export function isOverdue(report: OverdueCandidate, rules: OverdueRules, now: Date): boolean {
	if (
		report.firstOpenedAt !== null ||
		report.status === 'closed' ||
		report.status === 'withdrawn'
	) {
		return false;
	}
	const waitedMinutes = (now.getTime() - Date.parse(report.createdAt)) / 60_000;
	const limit = report.safeguarding
		? Math.min(rules.safeguardingMinutes, rules.anyDays * 1440)
		: rules.anyDays * 1440;
	return waitedMinutes >= limit;
}

/** The ids of the given queue rows that are overdue at `now`. */
export async function overdueReports(
	db: Kysely<Database>,
	rows: { id: string; createdAt: string; safeguarding: boolean; status: string }[],
	now: Date
): Promise<string[]> {
	if (rows.length === 0) {
		return [];
	}
	const rules = await loadAlertSettings(db);
	const opened = new Map(
		(
			await db
				.selectFrom('reports')
				.select(['id', 'first_opened_at'])
				.where(
					'id',
					'in',
					rows.map((r) => r.id)
				)
				.execute()
		).map((r) => [r.id, r.first_opened_at])
	);
	return rows
		.filter((r) => isOverdue({ ...r, firstOpenedAt: opened.get(r.id) ?? null }, rules, now))
		.map((r) => r.id);
}
