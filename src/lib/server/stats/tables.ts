import type { PublishedCell, PublishedStats, PublishedTable, PublishedTime } from '../../api/stats';
import { AREA_UNKNOWN, DEFAULT_AREAS, staffAreaLabel, type AreaEntry } from '../../report/areas';
import { INCIDENT_LABELS, INCIDENT_TYPES } from '../../report/incident-types';
import { TEAMS } from '../../report/vocabulary';
import {
	GRADES,
	GRADE_LABELS,
	OUTCOMES,
	OUTCOME_LABELS,
	REPORT_STATUSES,
	STATUS_LABELS,
	THRIVE_LEVELS
} from '../../staff/report/triage-options';
import { NONE, type RawCounts } from './counts';
import { monthLabel } from '../../report/months';
import type { Period } from './period';
import { shownAs, suppress, type Bounds, type Constraint, type Published } from './suppress';

/** A table before suppression: its rows in the order shown, each a (key, label, count). */
interface TableSpec {
	id: string;
	title: string;
	note: string | null;
	rows: { key: string; label: string }[];
	counts: Map<string, number>;
	/** The cell its rows add up to: every report, or (outcomes) the closed reports. */
	totalKey: string;
	totalLabel: string;
	kind: Constraint['kind'];
}

const TOTAL = 'total';
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Known categories in their usual order, then any other value found (an area since removed),
 * then "not recorded" if any report has no value. */
function rowsOf(known: [string, string][], counts: Map<string, number>, none: string) {
	const keys = new Set(known.map(([k]) => k));
	const extra = [...counts.keys()]
		.filter((k) => !keys.has(k) && k !== NONE)
		.sort()
		.map((k): [string, string] => [k, k]);
	const rows = [...known, ...extra];
	if ((counts.get(NONE) ?? 0) > 0 && !keys.has(NONE)) {
		rows.push([NONE, none]);
	}
	return rows.map(([key, label]) => ({ key, label }));
}

function specs(raw: RawCounts, period: Period, areas: readonly AreaEntry[]): TableSpec[] {
	const all = (
		id: string,
		title: string,
		known: [string, string][],
		counts: Map<string, number>,
		none = 'Not recorded',
		note: string | null = null
	): TableSpec => ({
		id,
		title,
		note,
		rows: rowsOf(known, counts, none),
		counts,
		totalKey: TOTAL,
		totalLabel: 'All reports',
		kind: 'sum'
	});
	return [
		all(
			'month',
			'Reports received by month',
			period.months.map((m) => [m, monthLabel(m)]),
			raw.byMonth
		),
		{
			...all(
				'type',
				'What happened',
				INCIDENT_TYPES.map((t) => [t, INCIDENT_LABELS[t].label]),
				raw.byType,
				'Not recorded',
				'A report can name more than one thing, so these add up to more than all reports.'
			),
			kind: 'atLeast'
		},
		all(
			'area',
			'Area',
			// Short names: the towns in brackets are for reporters choosing an area.
			areas.map(({ code }) => [
				code,
				code === AREA_UNKNOWN ? 'Not known' : staffAreaLabel(areas, code)
			]),
			raw.byArea
		),
		all(
			'reporter',
			'Who made the report',
			[
				['self', 'The person it happened to'],
				['outreach', 'An outreach worker'],
				['other', 'Someone else']
			],
			raw.byReporter
		),
		all(
			'under18',
			'Under 18',
			[
				['yes', 'Yes'],
				['unsure', 'Not sure'],
				['no', 'No']
			],
			raw.byUnder18
		),
		all(
			'warn',
			'Consent to publish a warning',
			[
				['yes', 'Yes'],
				['no', 'No']
			],
			raw.byWarn,
			'Not recorded',
			'As the reporter chose it last.'
		),
		all(
			'police',
			'Consent to police use',
			[
				['none', 'No police record'],
				['intelligence', 'Anonymous intelligence'],
				['contact', 'Police may contact them']
			],
			raw.byPolice,
			'Not recorded',
			'As the reporter chose it last.'
		),
		all(
			'team',
			'Team',
			TEAMS.map((t) => [t, t]),
			raw.byTeam
		),
		all(
			'status',
			'Status now',
			REPORT_STATUSES.map((s) => [s, STATUS_LABELS[s]]),
			raw.byStatus
		),
		{
			...all(
				'outcome',
				'Outcome of closed reports',
				OUTCOMES.map((o) => [o, OUTCOME_LABELS[o]]),
				raw.byOutcome
			),
			totalKey: 'status.closed',
			totalLabel: 'Closed reports'
		},
		all(
			'risk',
			'THRIVE risk',
			THRIVE_LEVELS.map((l) => [l, capital(l)]),
			raw.byRisk,
			'Not assessed'
		),
		all(
			'grade',
			'Response grade',
			GRADES.map((g) => [String(g), GRADE_LABELS[g]]),
			raw.byGrade,
			'Not graded'
		)
	];
}

/** Nearest-rank percentile of a histogram of whole hours. */
function percentile(histogram: [number, number][], n: number, p: number): number {
	const rank = Math.max(1, Math.ceil(p * n));
	let seen = 0;
	for (const [hours, count] of histogram) {
		seen += count;
		if (seen >= rank) {
			return hours;
		}
	}
	return histogram[histogram.length - 1][0];
}

/** Whole hours as staff read them: arrival is kept to the hour, so nothing finer is shown. */
export function duration(hours: number): string {
	if (hours < 1) {
		return 'under 1 hour';
	}
	if (hours < 48) {
		return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
	}
	return `${(hours / 24).toFixed(1)} days`;
}

const MIN_FOR_TIMES = 5;

function timeOf(key: string, label: string, histogram: Map<number, number>): PublishedTime {
	const sorted = [...histogram].sort((a, b) => a[0] - b[0]);
	const n = sorted.reduce((sum, [, count]) => sum + count, 0);
	if (n < MIN_FOR_TIMES) {
		return { key, label, median: null, p90: null };
	}
	return {
		key,
		label,
		median: duration(percentile(sorted, n, 0.5)),
		p90: duration(percentile(sorted, n, 0.9))
	};
}

/**
 * The period's figures, through small-number suppression, ready for any view. `areas` is the live
 * list (settings), so renamed areas show their new name and retired ones still count. A period of
 * several months comes with its months as published on their own (`months`): a cell hidden in any
 * of them is hidden here too, and no cell here may pin one of theirs, so subtracting one period
 * from another (a quarter less two of its months) reveals nothing a month's table hides.
 */
export function publish(
	raw: RawCounts,
	period: Period,
	areas: readonly AreaEntry[] = DEFAULT_AREAS,
	months: readonly PublishedStats[] = []
): PublishedStats {
	const tables = specs(raw, period, areas);
	const values = new Map<string, number>([
		[TOTAL, raw.total],
		['warnings', raw.warningsPublished]
	]);
	const constraints: Constraint[] = [];
	for (const t of tables) {
		for (const row of t.rows) {
			values.set(`${t.id}.${row.key}`, t.counts.get(row.key) ?? 0);
		}
	}
	for (const t of tables) {
		constraints.push({
			total: t.totalKey,
			parts: t.rows.map((r) => `${t.id}.${r.key}`),
			kind: t.kind
		});
	}
	const { states, unsafe } = suppress(values, constraints, alreadyPublished(values.keys(), months));
	const cell = (key: string, label: string): PublishedCell => {
		const value = values.get(key) ?? 0;
		const state = states.get(key) ?? 'shown';
		return {
			key,
			label,
			value: state === 'shown' ? value : null,
			state,
			text: shownAs(state, value)
		};
	};
	const published: PublishedTable[] = tables.map((t) => {
		const keys = [t.totalKey, ...t.rows.map((r) => `${t.id}.${r.key}`)];
		const withheld = keys.some((k) => unsafe.includes(k));
		return {
			id: t.id,
			title: t.title,
			note: t.note,
			rows: withheld ? [] : t.rows.map((r) => cell(`${t.id}.${r.key}`, r.label)),
			total: cell(t.totalKey, t.totalLabel),
			withheld
		};
	});
	const total = cell(TOTAL, 'All reports');
	return {
		period: { label: period.label, from: period.from, to: period.to, query: period.query },
		total,
		thirdPartyShare: thirdPartyShare(
			published.find((t) => t.id === 'reporter'),
			total
		),
		warningsPublished: cell('warnings', 'Warnings published'),
		tables: published,
		times: [
			timeOf('opened', 'Receipt to first opening', raw.toFirstOpening),
			timeOf('replied', 'Receipt to first reply', raw.toFirstReply),
			timeOf('closed', 'Receipt to closing', raw.toClosing)
		]
	};
}

/** Worked out from published cells only, so it can reveal nothing the table does not. */
function thirdPartyShare(table: PublishedTable | undefined, total: PublishedCell): string | null {
	if (!table || table.withheld || total.value === null || total.value === 0) {
		return null;
	}
	const get = (key: string) => table.rows.find((r) => r.key === `reporter.${key}`);
	const outreach = get('outreach');
	const other = get('other');
	if (outreach?.value == null || other?.value == null) {
		return null;
	}
	return `${Math.round(((outreach.value + other.value) / total.value) * 100)}%`;
}

/** What a period's months, each published on its own, already tell about each of its cells: the
 * sum of the months' bounds (a month without the cell had none of it), and whether any month
 * hides it. */
function alreadyPublished(keys: Iterable<string>, months: readonly PublishedStats[]): Published {
	const forced = new Set<string>();
	const known = new Map<string, Bounds>();
	if (months.length === 0) {
		return { forced, known };
	}
	const published = months.map((m) => {
		const cells = new Map<string, PublishedCell>([
			[m.total.key, m.total],
			[m.warningsPublished.key, m.warningsPublished]
		]);
		const withheld = new Set<string>();
		for (const t of m.tables) {
			cells.set(t.total.key, t.total);
			for (const row of t.rows) {
				cells.set(row.key, row);
			}
			if (t.withheld) {
				withheld.add(`${t.id}.`);
			}
		}
		return { cells, withheld };
	});
	for (const key of keys) {
		let lo = 0;
		let hi = 0;
		for (const { cells, withheld } of published) {
			const cell = cells.get(key);
			if ([...withheld].some((prefix) => key.startsWith(prefix))) {
				hi = Infinity;
				forced.add(key);
			} else if (cell?.state === 'small') {
				lo += 1;
				hi += 4;
				forced.add(key);
			} else if (cell?.state === 'hidden') {
				lo += 5;
				hi = Infinity;
				forced.add(key);
			} else {
				lo += cell?.value ?? 0;
				hi += cell?.value ?? 0;
			}
		}
		known.set(key, { lo, hi });
	}
	return { forced, known };
}
