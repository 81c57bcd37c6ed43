import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import type { PublishedStats } from '../../src/lib/api/stats';
import type { Db } from '../../src/lib/server/db';
import type { StaffTeam } from '../../src/lib/server/db/schema';
import { countReports } from '../../src/lib/server/stats/counts';
import { csvField, statsRows, toCsv } from '../../src/lib/server/stats/csv';
import { parsePeriod, type Period } from '../../src/lib/server/stats/period';
import { readStatistics } from '../../src/lib/server/stats/statistics';
import { publish } from '../../src/lib/server/stats/tables';
import { putSetting } from '../../src/lib/server/settings/store';
import { DEFAULT_AREAS } from '../../src/lib/report/areas';
import * as v from 'valibot';
import { hoursAfter } from '../../src/lib/server/stats/hours';
import { TriageSchema } from '../../src/lib/server/triage/schemas';
import { openCaseFile } from '../../src/lib/server/triage/case-file';
import { addUnitMessage, applyTriage } from '../../src/lib/server/triage/triage';
import { freshDb } from './support/db';
import { workedOut, type SolverCell, type SolverSum } from './support/disclosure';
import { insertQueueReport } from './support/reports';
import { insertStaff } from './support/staff';

const NOVEMBER = '2026-11-10T10:00:00.000Z';
const HOUR = 3_600_000;
const later = (iso: string, hours: number) =>
	new Date(Date.parse(iso) + hours * HOUR).toISOString();
/** n copies of a value, for building columns of a known table. */
const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

/**
 * Forty reports received in November 2026 with known counts, plus one just before and one just
 * after the month (which must not count). Each column is listed in full, so every figure below
 * can be checked by eye.
 */
async function seed(db: Db) {
	const team: StaffTeam[] = [
		...times(20, 'RASSO' as const),
		...times(3, 'CSE' as const),
		...times(12, 'Liaison' as const),
		...times(5, 'Exploitation' as const)
	];
	const status = [
		...times(10, 'new'),
		...times(10, 'in_review'),
		...times(5, 'referred'),
		...times(5, 'actioned'),
		...times(10, 'closed')
	];
	const outcome = [...times(30, null), ...times(2, 'charged'), ...times(8, 'nfa')];
	const area = [...times(30, 'gloucester'), ...times(10, 'cheltenham')];
	const under18 = [...times(37, 'no'), ...times(2, 'yes'), 'unsure'];
	const reporter = [...times(30, 'self'), ...times(10, 'outreach')];
	const warn = [...times(35, true), ...times(5, false)];
	// Two reporters withdrew their consent to a warning later.
	const consentWarn = [...times(2, 0), ...times(38, null)];
	const police = [...times(20, 'none'), ...times(10, 'intelligence'), ...times(10, 'contact')];
	const grade = [
		...times(10, null),
		...times(10, 1),
		...times(10, 2),
		...times(5, 3),
		...times(5, 4)
	];
	const risk = [...times(10, null), ...times(12, 'high'), ...times(18, 'medium')];
	const types = [...times(10, ['rape']), ...times(5, ['rape', 'robbery']), ...times(25, ['other'])];
	// Opened after 1 hour (15), 3 hours (10) and 50 hours (5); 10 never opened.
	const opened = [...times(15, 1), ...times(10, 3), ...times(5, 50), ...times(10, null)];
	// Only four replies: too few to show a time.
	const replied = [...times(4, 2), ...times(36, null)];
	for (let i = 0; i < 40; i++) {
		const id = await insertQueueReport(db, {
			createdAt: NOVEMBER,
			team: team[i],
			status: status[i],
			area: area[i],
			police: police[i],
			warn: warn[i],
			grade: grade[i],
			types: types[i]
		});
		await db
			.updateTable('reports')
			.set({
				under18: under18[i],
				reporter: reporter[i],
				consent_warn: consentWarn[i],
				outcome: outcome[i],
				thrive_json:
					risk[i] === null
						? null
						: JSON.stringify({
								threat: 'low',
								harm: 'low',
								risk: risk[i],
								investigation: 'low',
								vulnerability: 'low',
								engagement: 'low'
							}),
				first_opened_at: opened[i] === null ? null : later(NOVEMBER, opened[i] as number),
				hours_to_open: opened[i],
				first_reply_at: replied[i] === null ? null : later(NOVEMBER, replied[i] as number),
				hours_to_reply: replied[i],
				closed_at: status[i] === 'closed' ? later(NOVEMBER, 24) : null,
				hours_to_close: status[i] === 'closed' ? 24 : null
			})
			.where('id', '=', id)
			.execute();
	}
	// Outside the month in the unit's time zone (GMT in both cases).
	await insertQueueReport(db, { createdAt: '2026-10-31T23:00:00.000Z', team: 'CSE' });
	await insertQueueReport(db, { createdAt: '2026-12-01T00:00:00.000Z', team: 'CSE' });
	for (const [i, at] of [
		'2026-11-02T09:00:00.000Z',
		'2026-11-20T09:00:00.000Z',
		'2026-11-30T23:59:00.000Z',
		'2026-12-01T00:00:00.000Z'
	].entries()) {
		await db
			.insertInto('warnings')
			.values({
				id: `w${i}`,
				report_id: null,
				area: 'gloucester',
				incident_month: '2026-11',
				types_json: '[]',
				title: 'Warning',
				body: '',
				identifiers_json: '[]',
				status: 'published',
				published_at: at,
				published_by: null,
				retracted_at: null,
				expires_on: null,
				deviation_id: null,
				retracted_by: null
			})
			.execute();
	}
}

const november = (): Period => {
	const parsed = parsePeriod(
		new URLSearchParams({ period: 'month', month: '2026-11' }),
		new Date()
	);
	if (!parsed.ok) {
		throw new Error(parsed.message);
	}
	return parsed.period;
};

/** Each table as label → shown text, rows then total. */
const shown = (stats: PublishedStats) =>
	Object.fromEntries(
		stats.tables.map((t) => [
			t.id,
			Object.fromEntries([...t.rows, t.total].map((c) => [c.label, c.text]))
		])
	);

/** The published tables as an attacker reads them: cells and the sums they must satisfy. */
function attackerView(stats: PublishedStats) {
	const cells = new Map<string, SolverCell>();
	const sums: SolverSum[] = [];
	for (const t of stats.tables) {
		for (const c of [...t.rows, t.total]) {
			cells.set(c.key, {
				value: c.value,
				mark: c.value === null ? (c.text as '<5' | '[c]') : null
			});
		}
		sums.push({
			total: t.total.key,
			parts: t.rows.map((r) => r.key),
			kind: t.id === 'type' ? 'atLeast' : 'sum'
		});
	}
	return { cells, sums };
}

/** A CSV parser just good enough for the export (quoted fields, doubled quotes). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	for (const line of text.split('\r\n').filter(Boolean)) {
		const fields: string[] = [];
		let field = '';
		let quoted = false;
		for (let i = 0; i < line.length; i++) {
			const ch = line[i];
			if (quoted) {
				if (ch === '"' && line[i + 1] === '"') {
					field += '"';
					i++;
				} else if (ch === '"') {
					quoted = false;
				} else {
					field += ch;
				}
			} else if (ch === '"') {
				quoted = true;
			} else if (ch === ',') {
				fields.push(field);
				field = '';
			} else {
				field += ch;
			}
		}
		fields.push(field);
		rows.push(fields);
	}
	return rows;
}

describe('statistics on a seeded set', () => {
	it('every figure matches the known counts, with cells of 1 to 4 as <5', async () => {
		const { db } = await freshDb();
		await seed(db);
		const stats = publish(await countReports(db, november()), november());
		expect(stats.period.label).toBe('November 2026');
		expect(stats.total.text).toBe('40');
		expect(stats.thirdPartyShare).toBe('25%');
		expect(stats.warningsPublished.text).toBe('<5');
		expect(shown(stats)).toEqual({
			month: { 'November 2026': '40', 'All reports': '40' },
			type: {
				Rape: '15',
				'Sexual assault': '0',
				'Condom removed without your consent': '0',
				'Physical assault': '0',
				'Robbery or theft': '5',
				'Did not pay': '0',
				'Threats, harassment or stalking': '0',
				'Controlled, forced or exploited': '0',
				'Online abuse': '0',
				'Dodgy client': '0',
				'Something else': '25',
				'All reports': '40'
			},
			area: {
				Cheltenham: '10',
				Cotswolds: '0',
				'Forest of Dean': '0',
				Gloucester: '30',
				Stroud: '0',
				Tewkesbury: '0',
				'Outside Gloucestershire': '0',
				'Not known': '0',
				'All reports': '40'
			},
			reporter: {
				'The person it happened to': '30',
				'An outreach worker': '10',
				'Someone else': '0',
				'All reports': '40'
			},
			// Two small cells: 1 + 2 = 3 leaves each between 1 and 2, so nothing more is hidden.
			under18: { Yes: '<5', 'Not sure': '<5', No: '37', 'All reports': '40' },
			warn: { Yes: '33', No: '7', 'All reports': '40' },
			police: {
				'No police record': '20',
				'Anonymous intelligence': '10',
				'Police may contact them': '10',
				'All reports': '40'
			},
			// CSE's 3 could be found from the total, so the next smallest (Exploitation, 5) is hidden.
			team: { RASSO: '20', CSE: '<5', Liaison: '12', Exploitation: '[c]', 'All reports': '40' },
			status: {
				New: '10',
				'In review': '10',
				'Awaiting reporter': '0',
				Referred: '5',
				Actioned: '5',
				Closed: '10',
				'All reports': '40'
			},
			outcome: {
				'Intelligence recorded': '0',
				'Crime recorded': '0',
				Investigation: '0',
				Charged: '<5',
				'No further action': '[c]',
				'Referred to partner agency': '0',
				Duplicate: '0',
				Withdrawn: '0',
				'Closed reports': '10'
			},
			risk: { Low: '0', Medium: '18', High: '12', 'Not assessed': '10', 'All reports': '40' },
			grade: {
				'1 – Emergency': '10',
				'2 – Priority': '10',
				'3 – Standard': '5',
				'4 – Scheduled': '5',
				'Not graded': '10',
				'All reports': '40'
			}
		});
		expect(stats.times).toEqual([
			{ key: 'opened', label: 'Receipt to first opening', median: '1 hour', p90: '2.1 days' },
			{ key: 'replied', label: 'Receipt to first reply', median: null, p90: null },
			{ key: 'closed', label: 'Receipt to closing', median: '24 hours', p90: '24 hours' }
		]);
	});

	it('no suppressed cell on the page can be worked out from its table and totals', async () => {
		const { db } = await freshDb();
		await seed(db);
		const stats = publish(await countReports(db, november()), november());
		const { cells, sums } = attackerView(stats);
		expect([...cells.values()].filter((c) => c.value === null).length).toBeGreaterThanOrEqual(6);
		expect(workedOut(cells, sums, 40)).toEqual(new Map());
	});

	it('the CSV holds exactly the figures of the page, suppression included', async () => {
		const { db } = await freshDb();
		await seed(db);
		const stats = publish(await countReports(db, november()), november());
		const csv = parseCsv(toCsv(statsRows(stats)));
		expect(csv[0]).toEqual(['section', 'category', 'value']);
		const fromCsv = new Map(
			csv.map(([section, category, value]) => [`${section}|${category}`, value])
		);
		for (const t of stats.tables) {
			for (const c of [...t.rows, t.total]) {
				expect(fromCsv.get(`${t.title}|${c.label}`), `${t.title}: ${c.label}`).toBe(c.text);
			}
		}
		const tableRows = stats.tables.reduce((n, t) => n + t.rows.length + 1, 0);
		// Header, period, three summary lines, the tables, two lines per time, the note.
		expect(csv.length).toBe(1 + 1 + 3 + tableRows + 2 * stats.times.length + 1);
		expect(fromCsv.get('Summary|All reports')).toBe('40');
		expect(fromCsv.get('Team|CSE')).toBe('<5');
		expect(fromCsv.get('Receipt to first reply|Median')).toBe('fewer than 5 reports');
		expect(fromCsv.get('Receipt to first opening|90th percentile')).toBe('2.1 days');
	});

	it('a CSV cell that a spreadsheet would run as a formula is defused', () => {
		expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
		expect(csvField('+1')).toBe("'+1");
		expect(csvField('-1')).toBe("'-1");
		expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvField('<5')).toBe('<5');
		expect(csvField('a, b')).toBe('"a, b"');
	});

	it('areas are named from the live list: a renamed one by its new name, a retired one still counted', async () => {
		const { db } = await freshDb();
		await seed(db);
		const before = shown(publish(await countReports(db, november()), november())).area;
		const live = DEFAULT_AREAS.map((a) =>
			a.code === 'stroud'
				? { ...a, label: 'Stroud Valleys' }
				: a.code === 'tewkesbury'
					? { ...a, retired: true }
					: a
		);
		await putSetting(db, 'areas', JSON.stringify(live));
		const analyst = await insertStaff(db, { role: 'analyst' });
		const after = shown(await readStatistics(db, analyst, november(), 'stats.view')).area;
		expect(after['Stroud Valleys']).toBe(before['Stroud']);
		expect(after['Tewkesbury (retired)']).toBe(before['Tewkesbury']);
		expect(after).not.toHaveProperty('Stroud');
	});

	it('a quarter less two of its months reveals nothing the third month hides', async () => {
		const { db } = await freshDb();
		const analyst = await insertStaff(db, { role: 'analyst' });
		// Stroud: 5 in January, 5 in February, 2 in March. Gloucester and Cheltenham: 9 a month.
		// Published alone,
		// the quarter would show Stroud 12, and 12 − 5 − 5 gives March's hidden 2 away.
		const counts: [string, string, number][] = [
			['2026-01-10', 'stroud', 5],
			['2026-02-10', 'stroud', 5],
			['2026-03-10', 'stroud', 2],
			['2026-01-12', 'gloucester', 9],
			['2026-02-12', 'gloucester', 9],
			['2026-03-12', 'gloucester', 9],
			['2026-01-14', 'cheltenham', 9],
			['2026-02-14', 'cheltenham', 9],
			['2026-03-14', 'cheltenham', 9]
		];
		let n = 0;
		for (const [day, area, times] of counts) {
			for (let i = 0; i < times; i++) {
				await insertQueueReport(db, {
					ref: `SR-Q${String(n).padStart(3, '0')}-AAAA`.slice(0, 12),
					createdAt: `${day}T12:00:00.000Z`,
					area
				});
				n++;
			}
		}
		const read = async (query: Record<string, string>) => {
			const parsed = parsePeriod(new URLSearchParams(query), new Date());
			if (!parsed.ok) {
				throw new Error(parsed.message);
			}
			return readStatistics(db, analyst, parsed.period, 'stats.view');
		};
		const cellsOf = (stats: PublishedStats) =>
			new Map(
				[stats.total, ...stats.tables.flatMap((t) => [...t.rows, t.total])].map((c) => [c.key, c])
			);
		const months = await Promise.all(
			['2026-01', '2026-02', '2026-03'].map((month) => read({ period: 'month', month }))
		);
		const monthCells = months.map(cellsOf);
		expect(monthCells[2].get('area.stroud')?.text).toBe('<5');
		const periods: [Record<string, string>, number[]][] = [
			[{ period: 'quarter', year: '2026', quarter: '1' }, [0, 1, 2]],
			[{ period: 'custom', from: '2026-01', to: '2026-03' }, [0, 1, 2]],
			[{ period: 'custom', from: '2026-02', to: '2026-03' }, [1, 2]]
		];
		for (const [query, span] of periods) {
			const whole = await read(query);
			for (const [key, cell] of cellsOf(whole)) {
				const slices = span.map((i) => monthCells[i].get(key));
				if (slices.some((c) => c && c.state !== 'shown')) {
					// Hidden in a month, so hidden in any period holding that month.
					expect(cell.state, `${key} in ${JSON.stringify(query)}`).not.toBe('shown');
				} else if (cell.state === 'shown') {
					// Shown here and in every month: only the sum of what the months show.
					expect(cell.value).toBe(slices.reduce((sum, c) => sum + (c?.value ?? 0), 0));
				}
			}
			expect(cellsOf(whole).get('area.stroud')?.state).not.toBe('shown');
		}
	});

	it('reading the statistics is audited with the period only', async () => {
		const { db } = await freshDb();
		await seed(db);
		const analyst = await insertStaff(db, { role: 'analyst' });
		await readStatistics(db, analyst, november(), 'stats.export');
		const audit = await db.selectFrom('audit_events').selectAll().execute();
		expect(audit.map((a) => [a.action, a.actor_id, a.subject, JSON.parse(a.detail_json)])).toEqual([
			['stats.export', analyst.id, null, { period: { period: 'month', month: '2026-11' } }]
		]);
	});

	it('the write paths record first opening, first reply (once) and closing, with their hours for the statistics', async () => {
		const { db } = await freshDb();
		const ref = 'SR-TEST-0001';
		await insertQueueReport(db, { ref, createdAt: NOVEMBER });
		const reviewer = await insertStaff(db);
		const b64 = (n: number) => toBase64url(new Uint8Array(randomBytes(n)));
		const message = () => ({
			nonce: b64(24),
			ciphertext: b64(272),
			key_for_unit: b64(80),
			key_for_reporter: b64(80)
		});
		const firstReply = async () =>
			(
				await db
					.selectFrom('reports')
					.select('first_reply_at')
					.where('ref', '=', ref)
					.executeTakeFirstOrThrow()
			).first_reply_at;
		expect(await firstReply()).toBeNull();
		// Opening it to read (not to index) records the first opening and its hours.
		await openCaseFile(db, reviewer, ref, 'index');
		const unopened = await db
			.selectFrom('reports')
			.select(['first_opened_at', 'hours_to_open'])
			.where('ref', '=', ref)
			.executeTakeFirstOrThrow();
		expect(unopened).toEqual({ first_opened_at: null, hours_to_open: null });
		await openCaseFile(db, reviewer, ref, 'read');
		const opened = await db
			.selectFrom('reports')
			.select(['first_opened_at', 'hours_to_open'])
			.where('ref', '=', ref)
			.executeTakeFirstOrThrow();
		expect(opened.hours_to_open).toBe(hoursAfter(NOVEMBER, opened.first_opened_at));
		expect(opened.hours_to_open).toBeGreaterThan(0);
		await addUnitMessage(db, reviewer, ref, message());
		const first = await firstReply();
		expect(first).toMatch(/^\d{4}-\d\d-\d\dT/);
		await new Promise((r) => setTimeout(r, 5));
		await addUnitMessage(db, reviewer, ref, message());
		expect(await firstReply()).toBe(first);
		const row = await db
			.selectFrom('reports')
			.select(['hours_to_reply', 'hours_to_close'])
			.where('ref', '=', ref)
			.executeTakeFirstOrThrow();
		expect(row.hours_to_reply).toBe(hoursAfter(NOVEMBER, first));
		expect(row.hours_to_reply).toBeGreaterThan(0);

		// Closing records the hours to closing; reopening clears them.
		const triage = (status: string, outcome: string | null) => ({
			team: 'Liaison',
			status,
			outcome,
			assignee_id: null,
			grade: null,
			thrive: null,
			rationale: null,
			reporter_message: null
		});
		await applyTriage(db, reviewer, ref, v.parse(TriageSchema, triage('closed', 'nfa')));
		const closed = await db
			.selectFrom('reports')
			.select(['closed_at', 'hours_to_close'])
			.where('ref', '=', ref)
			.executeTakeFirstOrThrow();
		expect(closed.hours_to_close).toBe(hoursAfter(NOVEMBER, closed.closed_at));
		expect(closed.hours_to_close).toBeGreaterThan(0);
		await applyTriage(db, reviewer, ref, v.parse(TriageSchema, triage('in_review', null)));
		expect(
			await db
				.selectFrom('reports')
				.select(['closed_at', 'hours_to_close'])
				.where('ref', '=', ref)
				.executeTakeFirstOrThrow()
		).toEqual({ closed_at: null, hours_to_close: null });
	});
});

describe('the statistics period', () => {
	const parse = (q: Record<string, string>) =>
		parsePeriod(new URLSearchParams(q), new Date('2026-11-30T12:00:00Z'));

	it('follows the unit’s clock: a summer month starts at 23:00 UTC the day before', () => {
		expect(parse({ period: 'month', month: '2026-06' })).toMatchObject({
			ok: true,
			period: {
				from: '2026-05-31T23:00:00.000Z',
				to: '2026-06-30T23:00:00.000Z',
				months: ['2026-06']
			}
		});
		expect(parse({ period: 'quarter', year: '2026', quarter: '4' })).toMatchObject({
			ok: true,
			period: {
				label: 'Q4 2026 (Oct–Dec)',
				from: '2026-09-30T23:00:00.000Z',
				to: '2027-01-01T00:00:00.000Z'
			}
		});
		expect(parse({ period: 'custom', from: '2026-01', to: '2026-03' })).toMatchObject({
			ok: true,
			period: {
				label: 'January 2026 – March 2026',
				from: '2026-01-01T00:00:00.000Z',
				to: '2026-03-31T23:00:00.000Z',
				months: ['2026-01', '2026-02', '2026-03']
			}
		});
	});

	it('no period means this month; bad input is refused with a plain message', () => {
		expect(parse({})).toMatchObject({ ok: true, period: { label: 'November 2026' } });
		expect(parse({ period: 'month', month: '2026-13' })).toMatchObject({
			ok: false,
			field: 'month'
		});
		expect(parse({ period: 'decade' })).toMatchObject({ ok: false, field: 'period' });
		expect(parse({ period: 'custom', from: '2026-03', to: '2026-02' })).toMatchObject({
			ok: false,
			field: 'to'
		});
		expect(parse({ period: 'custom', from: '2001-01', to: '2026-02' })).toMatchObject({
			ok: false,
			field: 'to'
		});
		// Days are refused: two overlapping ranges of days would give one day's reports away.
		expect(parse({ period: 'custom', from: '2026-01-15', to: '2026-03' })).toMatchObject({
			ok: false,
			field: 'from'
		});
	});
});
