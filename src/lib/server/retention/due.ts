import type { Kysely } from 'kysely';
import { daysBefore, monthsBefore, type RetentionPeriods } from '../../report/retention';
import type { Database } from '../db/schema';

/**
 * Which reports and warnings have outlived their retention period at a given moment.
 *
 * A report's clock runs from the later of its closing (or withdrawal) and the reporter's last
 * message (docs/decisions.md, "Retention clock"). So "closed at or before the cut-off, and no
 * reporter message after it" is exactly "the later of the two is at or before the cut-off". A
 * withdrawn report follows the withdrawn period whatever its status.
 */

export interface Cutoffs {
	/** Closed (not withdrawn) reports whose clock started at or before this are due. */
	closed: string;
	/** Withdrawn reports whose clock started at or before this are due. */
	withdrawn: string;
	/** Warnings retracted at or before this are due. */
	retracted: string;
	/** Warnings whose last day shown (YYYY-MM-DD) is before this day are due. */
	lastShownBefore: string;
}

export function cutoffsAt(now: Date, periods: RetentionPeriods): Cutoffs {
	return {
		closed: monthsBefore(now, periods.closedMonths).toISOString(),
		withdrawn: daysBefore(now, periods.withdrawnDays).toISOString(),
		retracted: daysBefore(now, periods.warningDays).toISOString(),
		lastShownBefore: daysBefore(now, periods.warningDays).toISOString().slice(0, 10)
	};
}

export type PurgeRule = 'closed' | 'withdrawn';

/** Due reports under one rule; `onlyId` narrows it to one report (the check inside a purge). */
function dueUnder(db: Kysely<Database>, rule: PurgeRule, cutoff: string, onlyId?: string) {
	return db
		.selectFrom('reports')
		.select(['reports.id', 'reports.ref'])
		.$if(rule === 'withdrawn', (qb) =>
			qb.where('reports.withdrawn_at', 'is not', null).where('reports.withdrawn_at', '<=', cutoff)
		)
		.$if(rule === 'closed', (qb) =>
			qb
				.where('reports.withdrawn_at', 'is', null)
				.where('reports.status', '=', 'closed')
				.where('reports.closed_at', 'is not', null)
				.where('reports.closed_at', '<=', cutoff)
		)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('messages')
						.select('messages.id')
						.whereRef('messages.report_id', '=', 'reports.id')
						.where('messages.direction', '=', 'from_reporter')
						.where('messages.created_at', '>', cutoff)
				)
			)
		)
		.$if(onlyId !== undefined, (qb) => qb.where('reports.id', '=', onlyId!));
}

export interface DueReport {
	id: string;
	ref: string;
	rule: PurgeRule;
}

export async function dueReports(db: Kysely<Database>, cutoffs: Cutoffs): Promise<DueReport[]> {
	const out: DueReport[] = [];
	for (const rule of ['closed', 'withdrawn'] as const) {
		const rows = await dueUnder(db, rule, cutoffs[rule]).orderBy('reports.seq').execute();
		out.push(...rows.map((r) => ({ ...r, rule })));
	}
	return out;
}

/** True if the report is still due: checked again inside the purge's own transaction, so a
 * reporter's message that arrived since the list was made saves the report. */
export async function stillDue(
	trx: Kysely<Database>,
	report: DueReport,
	cutoffs: Cutoffs
): Promise<boolean> {
	return (
		(await dueUnder(trx, report.rule, cutoffs[report.rule], report.id).executeTakeFirst()) !==
		undefined
	);
}

/** Warnings retracted, or past their last day, longer ago than the warning period. */
export function dueWarnings(db: Kysely<Database>, cutoffs: Cutoffs) {
	return db
		.selectFrom('warnings')
		.select(['id', 'status'])
		.where((eb) =>
			eb.or([
				eb.and([
					eb('status', '=', 'retracted'),
					eb('retracted_at', 'is not', null),
					eb('retracted_at', '<=', cutoffs.retracted)
				]),
				eb.and([
					eb('status', '=', 'published'),
					eb('expires_on', 'is not', null),
					eb('expires_on', '<', cutoffs.lastShownBefore)
				])
			])
		);
}

export interface DueSummary {
	closed: number;
	withdrawn: number;
	warnings: number;
}

/** How many reports and warnings the purge would delete at `now`: shown to admins beside the
 * periods, from the very queries the purge runs. */
export async function dueSummary(
	db: Kysely<Database>,
	now: Date,
	periods: RetentionPeriods
): Promise<DueSummary> {
	const cutoffs = cutoffsAt(now, periods);
	const reports = await dueReports(db, cutoffs);
	return {
		closed: reports.filter((r) => r.rule === 'closed').length,
		withdrawn: reports.filter((r) => r.rule === 'withdrawn').length,
		warnings: (await dueWarnings(db, cutoffs).execute()).length
	};
}
