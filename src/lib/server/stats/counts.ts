import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db';
import { monthStart, nextMonth, type Period } from './period';

/** The raw figures for a period, before suppression. Read only from envelope and triage columns
 * and the warnings table: no content, no key. Each count reads one narrow index (migration 0011)
 * over the period alone. */
export interface RawCounts {
	total: number;
	byMonth: Map<string, number>;
	byType: Map<string, number>;
	byArea: Map<string, number>;
	byReporter: Map<string, number>;
	byUnder18: Map<string, number>;
	byWarn: Map<string, number>;
	byPolice: Map<string, number>;
	byTeam: Map<string, number>;
	byStatus: Map<string, number>;
	/** Closed reports only. */
	byOutcome: Map<string, number>;
	byRisk: Map<string, number>;
	byGrade: Map<string, number>;
	warningsPublished: number;
	/** Whole hours from receipt → how many reports took that long, for those that reached the step. */
	toFirstOpening: Map<number, number>;
	toFirstReply: Map<number, number>;
	toClosing: Map<number, number>;
}

/** A key for "no value recorded", e.g. a report not graded yet. */
export const NONE = 'none';

/** Rows of (key, count) as a map; keys that meet (a changed consent and an unchanged one) add up. */
function toMap(rows: { key: unknown; n: unknown }[]) {
	const map = new Map<string, number>();
	for (const r of rows) {
		const key = r.key === null ? NONE : String(r.key);
		map.set(key, (map.get(key) ?? 0) + Number(r.n));
	}
	return map;
}

type Column =
	| 'area'
	| 'reporter'
	| 'under18'
	| 'team'
	| 'status'
	| 'grade'
	| 'thrive_json'
	| 'warn'
	| 'consent_warn'
	| 'police'
	| 'consent_police'
	| 'outcome'
	| 'hours_to_open'
	| 'hours_to_reply'
	| 'hours_to_close';

export async function countReports(db: Db, period: Period): Promise<RawCounts> {
	const inPeriod = (column: 'created_at' | 'report_types.created_at') =>
		sql<SqlBool>`${sql.ref(column)} >= ${period.from} and ${sql.ref(column)} < ${period.to}`;
	/** Counts by plain columns (never expressions), so each walks its own narrow index. */
	const group = (...columns: Column[]) =>
		db
			.selectFrom('reports')
			.select([...columns, sql<number>`count(*)`.as('n')])
			.where(inPeriod('created_at'))
			.groupBy(columns)
			.execute();
	const single = async (column: Column) =>
		toMap((await group(column)).map((r) => ({ key: r[column], n: r.n })));
	/** The reporter's consent as it stands: a later change overrides the envelope. */
	const current = async (envelope: 'warn' | 'police', changed: 'consent_warn' | 'consent_police') =>
		toMap(
			(await group(envelope, changed)).map((r) => ({ key: r[changed] ?? r[envelope], n: r.n }))
		);

	const byArea = await single('area');
	const byReporter = await single('reporter');
	const byUnder18 = await single('under18');
	const byTeam = await single('team');
	const byStatus = await single('status');
	const byGrade = await single('grade');
	const thrive = await single('thrive_json');
	const byWarn = await current('warn', 'consent_warn');
	const byPolice = await current('police', 'consent_police');
	// Outcomes are recorded on closed reports only (the triage schema refuses any other), so the
	// closed reports without one are the closed count less those with one.
	const outcomes = await single('outcome');
	outcomes.delete(NONE);
	const recorded = [...outcomes.values()].reduce((a, b) => a + b, 0);
	const byOutcome = new Map([
		...outcomes,
		[NONE, Math.max(0, (byStatus.get('closed') ?? 0) - recorded)]
	]);
	const byType = toMap(
		(
			await db
				.selectFrom('report_types')
				.select(['type', sql<number>`count(*)`.as('n')])
				.where(inPeriod('report_types.created_at'))
				.groupBy('type')
				.execute()
		).map((r) => ({ key: r.type, n: r.n }))
	);
	// Month by month in the unit's time zone: one count per month's slice of the time index.
	const byMonth = new Map<string, number>();
	for (const month of period.months) {
		const from = maxIso(period.from, monthStart(month));
		const to = minIso(period.to, monthStart(nextMonth(month)));
		const row = await db
			.selectFrom('reports')
			.select(sql<number>`count(*)`.as('n'))
			.where('created_at', '>=', from)
			.where('created_at', '<', to)
			.executeTakeFirstOrThrow();
		byMonth.set(month, Number(row.n));
	}
	/** A duration's histogram: every report of the period by whole hours, unreached ones left out. */
	const hours = async (column: 'hours_to_open' | 'hours_to_reply' | 'hours_to_close') =>
		new Map(
			(await group(column)).flatMap((r) =>
				r[column] === null ? [] : [[Number(r[column]), Number(r.n)] as [number, number]]
			)
		);
	const toFirstOpening = await hours('hours_to_open');
	const toFirstReply = await hours('hours_to_reply');
	const toClosing = await hours('hours_to_close');
	const warnings = await db
		.selectFrom('warnings')
		.select(sql<number>`count(*)`.as('n'))
		.where('published_at', '>=', period.from)
		.where('published_at', '<', period.to)
		.executeTakeFirstOrThrow();

	const byRisk = new Map<string, number>();
	for (const [json, n] of thrive) {
		const risk = json === NONE ? NONE : riskOf(json);
		byRisk.set(risk, (byRisk.get(risk) ?? 0) + n);
	}
	return {
		total: [...byTeam.values()].reduce((a, b) => a + b, 0),
		byMonth,
		byType,
		byArea,
		byReporter,
		byUnder18,
		byWarn: new Map([...byWarn].map(([k, n]) => [k === '1' ? 'yes' : k === '0' ? 'no' : k, n])),
		byPolice,
		byTeam,
		byStatus,
		byOutcome,
		byRisk,
		byGrade,
		warningsPublished: Number(warnings.n),
		toFirstOpening,
		toFirstReply,
		toClosing
	};
}

const maxIso = (a: string, b: string) => (a > b ? a : b);
const minIso = (a: string, b: string) => (a < b ? a : b);

/** The THRIVE "risk" part of a stored assessment; parsed here because there are at most 729
 * distinct assessments, grouped by the database first. */
function riskOf(json: string): string {
	try {
		const risk = (JSON.parse(json) as { risk?: unknown }).risk;
		return typeof risk === 'string' ? risk : NONE;
	} catch {
		return NONE;
	}
}

/** The counts of several periods that do not overlap, as one: every figure is a count, so the
 * counts of a quarter are the sums of its months'. */
export function sumCounts(parts: readonly RawCounts[]): RawCounts {
	const maps = <K>(pick: (r: RawCounts) => Map<K, number>) => {
		const out = new Map<K, number>();
		for (const part of parts) {
			for (const [key, n] of pick(part)) {
				out.set(key, (out.get(key) ?? 0) + n);
			}
		}
		return out;
	};
	return {
		total: parts.reduce((n, r) => n + r.total, 0),
		byMonth: maps((r) => r.byMonth),
		byType: maps((r) => r.byType),
		byArea: maps((r) => r.byArea),
		byReporter: maps((r) => r.byReporter),
		byUnder18: maps((r) => r.byUnder18),
		byWarn: maps((r) => r.byWarn),
		byPolice: maps((r) => r.byPolice),
		byTeam: maps((r) => r.byTeam),
		byStatus: maps((r) => r.byStatus),
		byOutcome: maps((r) => r.byOutcome),
		byRisk: maps((r) => r.byRisk),
		byGrade: maps((r) => r.byGrade),
		warningsPublished: parts.reduce((n, r) => n + r.warningsPublished, 0),
		toFirstOpening: maps((r) => r.toFirstOpening),
		toFirstReply: maps((r) => r.toFirstReply),
		toClosing: maps((r) => r.toClosing)
	};
}
