import { describe, expect, it } from 'vitest';
import { shownAs, suppress, type Constraint } from '../../src/lib/server/stats/suppress';
import { workedOut, type SolverCell } from './support/disclosure';

/** One-way tables over one shared total, as the statistics page publishes them. */
function tables(
	total: number,
	rows: Record<string, number[]>,
	sub?: { parent: string; parts: number[] }
) {
	const values = new Map<string, number>([['total', total]]);
	const constraints: Constraint[] = [];
	for (const [id, cells] of Object.entries(rows)) {
		cells.forEach((v, i) => values.set(`${id}.${i}`, v));
		constraints.push({ total: 'total', parts: cells.map((_, i) => `${id}.${i}`), kind: 'sum' });
	}
	if (sub) {
		sub.parts.forEach((v, i) => values.set(`sub.${i}`, v));
		constraints.push({
			total: sub.parent,
			parts: sub.parts.map((_, i) => `sub.${i}`),
			kind: 'sum'
		});
	}
	return { values, constraints };
}

/** What a reader of the published table sees, for the solver. */
function published(values: Map<string, number>, constraints: Constraint[]) {
	const { states, unsafe } = suppress(values, constraints);
	const cells = new Map<string, SolverCell>(
		[...values].map(([k, v]) => {
			const state = states.get(k) ?? 'shown';
			return [
				k,
				{
					value: state === 'shown' ? v : null,
					mark: state === 'shown' ? null : (shownAs(state, v) as '<5' | '[c]')
				}
			];
		})
	);
	return { states, unsafe, cells };
}

const solve = (values: Map<string, number>, constraints: Constraint[]) => {
	const { cells, unsafe } = published(values, constraints);
	const cap = (values.get('total') ?? 0) + 10;
	return { pinned: workedOut(cells, constraints, cap), unsafe, cells };
};

describe('small-number suppression', () => {
	it('shows 1 to 4 as <5, keeps zero and five and more', () => {
		const { values, constraints } = tables(40, { a: [0, 1, 4, 5, 30] });
		const { states } = suppress(values, constraints);
		expect(states.get('a.0')).toBe('shown');
		expect(states.get('a.1')).toBe('small');
		expect(states.get('a.2')).toBe('small');
		expect(shownAs('small', 3)).toBe('<5');
		expect(shownAs('shown', 0)).toBe('0');
		expect(states.get('total')).toBe('shown');
	});

	it('hides the next-smallest cell when one small cell could be found by subtraction', () => {
		const { values, constraints } = tables(40, { a: [2, 0, 9, 29] });
		const { states } = suppress(values, constraints);
		expect(states.get('a.0')).toBe('small');
		expect(states.get('a.2')).toBe('hidden');
		expect(states.get('a.3')).toBe('shown');
		expect(shownAs('hidden', 9)).toBe('[c]');
	});

	it('the solver does find a cell that only primary suppression left open', () => {
		// The check that the tests below can fail: `<5` alone, beside a published total.
		const cells = new Map<string, SolverCell>([
			['total', { value: 40, mark: null }],
			['a.0', { value: null, mark: '<5' }],
			['a.1', { value: 38, mark: null }]
		]);
		const sum = [{ total: 'total', parts: ['a.0', 'a.1'], kind: 'sum' as const }];
		expect(workedOut(cells, sum, 50)).toEqual(new Map([['a.0', 2]]));
		// Two small cells of 1 and a five next to them are pinned as well: 1 + 1 + 5 = 7.
		const seven = new Map<string, SolverCell>([
			['total', { value: 7, mark: null }],
			['a.0', { value: null, mark: '<5' }],
			['a.1', { value: null, mark: '<5' }],
			['a.2', { value: null, mark: '[c]' }]
		]);
		const sum7 = [{ total: 'total', parts: ['a.0', 'a.1', 'a.2'], kind: 'sum' as const }];
		expect(workedOut(seven, sum7, 20).get('a.0')).toBe(1);
	});

	const adversarial: [string, number, Record<string, number[]>][] = [
		['two ones and a five', 7, { a: [1, 1, 5] }],
		['four and four', 8, { a: [4, 4] }],
		['a one beside a five, nothing else', 6, { a: [1, 5] }],
		['one small among zeros', 3, { a: [0, 3, 0] }],
		['small total', 2, { a: [1, 1], b: [2, 0] }],
		['several tables share a total', 11, { a: [1, 10], b: [5, 6], c: [0, 11] }],
		['ones everywhere', 12, { a: [1, 1, 1, 9], b: [4, 4, 4] }]
	];
	for (const [name, total, rows] of adversarial) {
		it(`no hidden cell can be worked out: ${name}`, () => {
			const { values, constraints } = tables(total, rows);
			const { pinned, unsafe } = solve(values, constraints);
			expect(unsafe).toEqual([]);
			expect(pinned).toEqual(new Map());
		});
	}

	it('no hidden cell can be worked out through a sub-table (outcomes of closed reports)', () => {
		const { values, constraints } = tables(
			30,
			{ status: [20, 7, 3] },
			{ parent: 'status.1', parts: [1, 6, 0] }
		);
		const { pinned, unsafe, cells } = solve(values, constraints);
		expect(unsafe).toEqual([]);
		expect(pinned).toEqual(new Map());
		expect(cells.get('sub.0')?.mark).toBe('<5');
	});

	it('a type table whose parts add up to at least the total leaks nothing either', () => {
		const values = new Map([
			['total', 100],
			['t.0', 96],
			['t.1', 4],
			['t.2', 0]
		]);
		const constraints: Constraint[] = [
			{ total: 'total', parts: ['t.0', 't.1', 't.2'], kind: 'atLeast' }
		];
		const { pinned, unsafe } = solve(values, constraints);
		expect(unsafe).toEqual([]);
		expect(pinned).toEqual(new Map());
	});

	it('random small tables: nothing hidden can be worked out (300 cases, fixed seed)', () => {
		let seed = 11;
		const rand = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		for (let run = 0; run < 300; run++) {
			const rows: Record<string, number[]> = {};
			const total = 1 + rand(25);
			for (const id of ['a', 'b']) {
				const parts = Array.from({ length: 2 + rand(3) }, () => 0);
				for (let left = total; left > 0; left--) {
					parts[rand(rand(2) === 0 ? 1 : parts.length)]++;
				}
				rows[id] = parts;
			}
			const sub = Array.from({ length: 2 + rand(2) }, () => 0);
			for (let left = rows.a[0]; left > 0; left--) {
				sub[rand(sub.length)]++;
			}
			const { values, constraints } = tables(total, rows, { parent: 'a.0', parts: sub });
			const { pinned, unsafe } = solve(values, constraints);
			const what = JSON.stringify({ total, rows, sub });
			expect(unsafe, what).toEqual([]);
			expect(pinned, what).toEqual(new Map());
		}
	});
});
