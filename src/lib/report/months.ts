/** English month names, for the labels below and the report's review of "when". */
export const MONTH_NAMES = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
] as const;

/** "November 2026" for "2026-11": a report's month, a warning's, a statistics row. */
export function monthLabel(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return `${MONTH_NAMES[m - 1]} ${y}`;
}

/** "Nov" for month 11 (1–12). */
export const shortMonth = (m: number): string => MONTH_NAMES[m - 1].slice(0, 3);
