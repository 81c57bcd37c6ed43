import * as v from 'valibot';

/**
 * How long the portal keeps things (DESIGN §7, issue 12). One home for the periods, their
 * defaults and limits, the schema that checks them (the admin's form and the stored setting
 * alike), the date arithmetic the purge uses, and the words reporters read about deletion.
 */

export interface RetentionPeriods {
	/** A closed report: months after closing (or after the reporter's last message, if later). */
	closedMonths: number;
	/** A withdrawn report: days after withdrawal (or after the reporter's last message). */
	withdrawnDays: number;
	/** A retracted warning, or one past its last day: days after that. */
	warningDays: number;
	/** An ended staff session: days after it ended. */
	sessionDays: number;
	/** An invite never used: days after it expired. */
	inviteDays: number;
}

/** The two periods a reporter's pages name: how long a closed and a withdrawn report are kept. */
export type ReportPeriods = Pick<RetentionPeriods, 'closedMonths' | 'withdrawnDays'>;

export const RETENTION_DEFAULTS: RetentionPeriods = {
	closedMonths: 24,
	withdrawnDays: 30,
	warningDays: 30,
	// Dead credentials, even hashed, have nothing left to give: gone as soon as they end.
	sessionDays: 0,
	inviteDays: 0
};

export const RETENTION_LIMITS: Record<keyof RetentionPeriods, { min: number; max: number }> = {
	closedMonths: { min: 1, max: 120 },
	withdrawnDays: { min: 1, max: 3650 },
	warningDays: { min: 0, max: 3650 },
	sessionDays: { min: 0, max: 365 },
	inviteDays: { min: 0, max: 365 }
};

const UNITS: Record<keyof RetentionPeriods, 'months' | 'days'> = {
	closedMonths: 'months',
	withdrawnDays: 'days',
	warningDays: 'days',
	sessionDays: 'days',
	inviteDays: 'days'
};

/** A form's text ("30", " 30 ") or a stored number; anything else is not a whole number. */
const wholeNumber = (input: unknown): number =>
	typeof input === 'number'
		? input
		: typeof input === 'string' && /^\s*\d{1,6}\s*$/.test(input)
			? Number(input)
			: Number.NaN;

const period = (key: keyof RetentionPeriods) => {
	const { min, max } = RETENTION_LIMITS[key];
	const message = `Enter a whole number of ${UNITS[key]} from ${min} to ${max}.`;
	return v.pipe(
		v.unknown(),
		v.transform(wholeNumber),
		v.number(message),
		v.integer(message),
		v.minValue(min, message),
		v.maxValue(max, message)
	);
};

/** The admin's retention form and the stored setting: every period a whole number in range. */
export const RetentionSchema = v.object({
	closedMonths: period('closedMonths'),
	withdrawnDays: period('withdrawnDays'),
	warningDays: period('warningDays'),
	sessionDays: period('sessionDays'),
	inviteDays: period('inviteDays')
});

const DAY_MS = 24 * 60 * 60_000;

export const daysBefore = (date: Date, days: number): Date =>
	new Date(date.getTime() - days * DAY_MS);

/** The same time of day `months` calendar months earlier; a day the month lacks becomes its last
 * (31 March less one month is 28 or 29 February, not 3 March). */
export function monthsBefore(date: Date, months: number): Date {
	const target = new Date(date.getTime());
	const day = target.getUTCDate();
	target.setUTCDate(1);
	target.setUTCMonth(target.getUTCMonth() - months);
	const lastDay = new Date(
		Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)
	).getUTCDate();
	target.setUTCDate(Math.min(day, lastDay));
	return target;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the reporter's pages promise, in the figures configured now. */
export function reportDeletionText(periods: RetentionPeriods): string {
	return (
		`Closed reports are deleted ${plural(periods.closedMonths, 'month', 'months')} after they are closed, ` +
		`and withdrawn reports ${plural(periods.withdrawnDays, 'day', 'days')} after they are withdrawn. ` +
		'If you send a message, that time starts again from your message. ' +
		'Deleted means your report, its messages and its files are wiped from the website, not hidden.'
	);
}

/** The status page's answer to a code that finds nothing, once the code's own checks passed. */
export function reportNotFoundText(periods: RetentionPeriods): string {
	return (
		'Report not found. Please check the code. If the code is right, the report may have been ' +
		`deleted: closed reports are deleted ${plural(periods.closedMonths, 'month', 'months')} after they are closed, ` +
		`and withdrawn reports ${plural(periods.withdrawnDays, 'day', 'days')} after they are withdrawn.`
	);
}

/**
 * When a report will be deleted if nothing more happens: its clock starts at the later of its
 * withdrawal (or closing) and the reporter's last message. Null while it is open. The purge's
 * queries (src/lib/server/retention/due.ts) apply the same rule; a test holds the two together.
 */
export function deletionDue(
	report: { status: string; closed_at: string | null; withdrawn_at: string | null },
	lastReporterMessageAt: string | null,
	periods: RetentionPeriods
): Date | null {
	const ended = report.withdrawn_at ?? (report.status === 'closed' ? report.closed_at : null);
	if (ended === null) {
		return null;
	}
	const start = new Date(
		lastReporterMessageAt && lastReporterMessageAt > ended ? lastReporterMessageAt : ended
	);
	return report.withdrawn_at
		? daysBefore(start, -periods.withdrawnDays)
		: monthsBefore(start, -periods.closedMonths);
}
