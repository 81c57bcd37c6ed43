import * as v from 'valibot';
import { STAFF_TIME_ZONE } from '../../staff/time';
import { monthLabel, shortMonth } from '../../report/months';

/** The statistics' period: a calendar month, quarter or year in the unit's own time zone, or any
 * range of whole days. `from` is inclusive and `to` exclusive, both stored-time ISO strings. */
export interface Period {
	kind: 'month' | 'quarter' | 'year' | 'custom';
	/** How the page and the printout name it, e.g. "November 2026" or "Q4 2026 (Oct–Dec)". */
	label: string;
	from: string;
	to: string;
	/** The calendar months it covers, YYYY-MM, oldest first. */
	months: string[];
	/** The query that names it again, for links and the audit line. */
	query: Record<string, string>;
}

/** The longest custom range, so a typo cannot ask for a thousand years of empty months. */
const MAX_MONTHS = 120;

const year = v.pipe(
	v.string(),
	v.regex(/^20\d\d$/, 'Enter a year like 2026.'),
	v.transform(Number)
);
const month = v.pipe(
	v.string(),
	v.regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'Choose a month like 2026-11.')
);
/** Every period is made of whole months. A custom range of days would let two overlapping
 * ranges be subtracted to read one day's reports, or a month's hidden cells (see tables.ts). */
const QuerySchema = v.variant('period', [
	v.object({ period: v.literal('month'), month }),
	v.object({
		period: v.literal('quarter'),
		year,
		quarter: v.picklist(['1', '2', '3', '4'], 'Choose a quarter from 1 to 4.')
	}),
	v.object({ period: v.literal('year'), year }),
	v.object({ period: v.literal('custom'), from: month, to: month })
]);

const LOCAL_PARTS = new Intl.DateTimeFormat('en-GB', {
	timeZone: STAFF_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	hourCycle: 'h23'
});

/** The unit's calendar date and hour at an instant. */
export function localParts(ms: number) {
	const parts = Object.fromEntries(
		LOCAL_PARTS.formatToParts(ms).map((p) => [p.type, p.value])
	) as Record<string, string>;
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour)
	};
}

/** The instant a day starts in the unit's time zone (the clocks change at 01:00 UTC, so the
 * offset at midnight UTC is the offset at local midnight). */
function localMidnight(y: number, m: number, d: number): number {
	const utc = Date.UTC(y, m - 1, d);
	const local = localParts(utc);
	const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour);
	return utc - (asUtc - utc);
}

const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number) => String(n).padStart(2, '0');

function monthsBetween(y: number, m: number, endY: number, endM: number): string[] {
	const out: string[] = [];
	for (
		let yy = y, mm = m;
		yy < endY || (yy === endY && mm <= endM);
		mm === 12 ? (yy++, (mm = 1)) : mm++
	) {
		out.push(`${yy}-${pad(mm)}`);
	}
	return out;
}

export type PeriodResult =
	{ ok: true; period: Period } | { ok: false; message: string; field: string };

/** Reads the period from a query string; no period means the current month. */
export function parsePeriod(params: URLSearchParams, now: Date): PeriodResult {
	const raw = Object.fromEntries(params);
	if (!raw.period) {
		const today = localParts(now.getTime());
		raw.period = 'month';
		raw.month = `${today.year}-${pad(today.month)}`;
	}
	const parsed = v.safeParse(QuerySchema, raw);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const field = issue.path?.map((p) => String(p.key)).join('.') ?? 'period';
		return {
			ok: false,
			message:
				field === 'period' ? 'Choose a month, quarter, year or your own months.' : issue.message,
			field
		};
	}
	const q = parsed.output;
	let start: [number, number, number];
	let end: [number, number, number]; // the first day after the period
	let label: string;
	let query: Record<string, string>;
	if (q.period === 'month') {
		const [y, m] = q.month.split('-').map(Number);
		start = [y, m, 1];
		end = m === 12 ? [y + 1, 1, 1] : [y, m + 1, 1];
		label = monthLabel(q.month);
		query = { period: 'month', month: q.month };
	} else if (q.period === 'quarter') {
		const first = (Number(q.quarter) - 1) * 3 + 1;
		start = [q.year, first, 1];
		end = first === 10 ? [q.year + 1, 1, 1] : [q.year, first + 3, 1];
		label = `Q${q.quarter} ${q.year} (${shortMonth(first)}–${shortMonth(first + 2)})`;
		query = { period: 'quarter', year: String(q.year), quarter: q.quarter };
	} else if (q.period === 'year') {
		start = [q.year, 1, 1];
		end = [q.year + 1, 1, 1];
		label = String(q.year);
		query = { period: 'year', year: String(q.year) };
	} else {
		if (q.to < q.from) {
			return {
				ok: false,
				message: 'The last month must not be before the first month.',
				field: 'to'
			};
		}
		const [y, m] = q.from.split('-').map(Number);
		const [ty, tm] = q.to.split('-').map(Number);
		start = [y, m, 1];
		end = tm === 12 ? [ty + 1, 1, 1] : [ty, tm + 1, 1];
		label = q.from === q.to ? monthLabel(q.from) : `${monthLabel(q.from)} – ${monthLabel(q.to)}`;
		query = { period: 'custom', from: q.from, to: q.to };
	}
	// Every period ends on the first of a month: its last month is the one before.
	const last = end[1] === 1 ? [end[0] - 1, 12] : [end[0], end[1] - 1];
	const months = monthsBetween(start[0], start[1], last[0], last[1]);
	if (months.length > MAX_MONTHS) {
		return { ok: false, message: 'Choose a range of ten years or less.', field: 'to' };
	}
	return {
		ok: true,
		period: {
			kind: q.period,
			label,
			from: iso(localMidnight(...start)),
			to: iso(localMidnight(...end)),
			months,
			query
		}
	};
}

/** The instant a month (YYYY-MM) starts in the unit's time zone. */
export function monthStart(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return iso(localMidnight(y, m, 1));
}

/** The month after a month, YYYY-MM. */
export function nextMonth(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

/** One month as a period of its own: the slices a longer period is checked against. */
export function monthPeriod(month: string): Period {
	const parsed = parsePeriod(new URLSearchParams({ period: 'month', month }), new Date());
	if (!parsed.ok) {
		throw new Error(`not a month: ${month}`);
	}
	return parsed.period;
}
