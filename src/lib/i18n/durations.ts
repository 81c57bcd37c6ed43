import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { ReportPeriods } from '$lib/report/retention';

/** "12 months", "12 miesięcy", "12 luni": Intl knows each language's plural rules. */
export const duration = (n: number, unit: 'month' | 'day') =>
	new Intl.NumberFormat(getLocale(), { style: 'unit', unit, unitDisplay: 'long' }).format(n);

/** The status page's answer to a code that finds nothing, naming the deletion periods in force. */
export const reportNotFoundWords = (periods: ReportPeriods) =>
	m.status_not_found({
		closed: duration(periods.closedMonths, 'month'),
		withdrawn: duration(periods.withdrawnDays, 'day')
	});

/** What the reporter's pages promise about deletion, in the figures configured now. */
export const reportDeletionWords = (periods: ReportPeriods) =>
	m.pv_keep_deletion({
		closed: duration(periods.closedMonths, 'month'),
		withdrawn: duration(periods.withdrawnDays, 'day')
	});
