/**
 * Small-number suppression for published statistics. Pure: counts in, what may be shown out.
 *
 * A count from 1 to 4 is never shown (it reads `<5`): so few reports could point to the person
 * behind them. Zero stays zero. Because a table also shows its total, one hidden cell could be
 * worked out by subtraction, so more cells are hidden (secondary suppression) until no hidden
 * cell can be pinned to one value by anyone who knows every published figure, every total, that
 * a `<5` cell is between 1 and 4, and that any other hidden cell is 5 or more.
 *
 * The published tables are one-way (each a breakdown of one total, as DESIGN's statistics are),
 * and they share only their totals, so the system of sums is a tree. On a tree, narrowing each
 * sum's bounds until nothing changes gives every cell's exact range, which is what an attacker
 * solving the tables would get: a cell is safe exactly when that range is wider than one value.
 */

/** `small`: 1–4, shown as `<5`. `hidden`: 5 or more, hidden so a small cell cannot be worked out. */
export type CellState = 'shown' | 'small' | 'hidden';

/** `sum`: the total equals the sum of its parts. `atLeast`: the parts add up to at least the total
 * (a report may have several incident types). */
export interface Constraint {
	total: string;
	parts: string[];
	kind: 'sum' | 'atLeast';
}

export const SMALL_MAX = 4;

export interface Bounds {
	lo: number;
	hi: number;
}

/** What someone who reads every published figure can say about each cell: exact for a shown
 * cell, 1–4 for `<5`, 5 or more for a hidden one, then narrowed by every sum until stable. */
export function attackerBounds(
	states: ReadonlyMap<string, CellState>,
	values: ReadonlyMap<string, number>,
	constraints: readonly Constraint[],
	known: ReadonlyMap<string, Bounds> = new Map()
): Map<string, Bounds> {
	const bounds = new Map<string, Bounds>();
	for (const [key, state] of states) {
		const own =
			state === 'shown'
				? { lo: values.get(key) ?? 0, hi: values.get(key) ?? 0 }
				: state === 'small'
					? { lo: 1, hi: SMALL_MAX }
					: { lo: SMALL_MAX + 1, hi: Infinity };
		const elsewhere = known.get(key);
		bounds.set(
			key,
			elsewhere && state !== 'shown'
				? { lo: Math.max(own.lo, elsewhere.lo), hi: Math.min(own.hi, elsewhere.hi) }
				: own
		);
	}
	const get = (key: string) => bounds.get(key) ?? { lo: 0, hi: 0 };
	for (let changed = true, rounds = 0; changed && rounds < 1000; rounds++) {
		changed = false;
		const narrow = (key: string, lo: number, hi: number) => {
			const b = get(key);
			const next = { lo: Math.max(b.lo, lo), hi: Math.min(b.hi, hi) };
			if (next.lo !== b.lo || next.hi !== b.hi) {
				bounds.set(key, next);
				changed = true;
			}
		};
		for (const c of constraints) {
			// Sums over "every part but this one", written out so Infinity never meets -Infinity.
			const others = (skip: string | null, side: 'lo' | 'hi') =>
				c.parts.reduce((n, p) => (p === skip ? n : n + get(p)[side]), 0);
			const total = get(c.total);
			if (c.kind === 'sum') {
				narrow(c.total, others(null, 'lo'), others(null, 'hi'));
				for (const p of c.parts) {
					narrow(p, total.lo - others(p, 'hi'), total.hi - others(p, 'lo'));
				}
			} else {
				narrow(c.total, -Infinity, others(null, 'hi'));
				for (const p of c.parts) {
					narrow(p, total.lo - others(p, 'hi'), Infinity);
				}
			}
		}
	}
	return bounds;
}

export interface Suppressed {
	states: Map<string, CellState>;
	/** Cells that could still be worked out after hiding all that may be hidden: the caller must
	 * withhold every table holding one. Empty on any real data seen so far. */
	unsafe: string[];
}

/** What other published tables already tell about these cells: a period of several months is
 * published beside each of its months. A cell hidden in any month is hidden here too (`forced`),
 * and `known` bounds each cell by the sum of what its months show, so a hidden cell here cannot
 * be narrowed, with the months' figures, to one value. */
export interface Published {
	forced: ReadonlySet<string>;
	known: ReadonlyMap<string, Bounds>;
}

/**
 * Decides which cells are shown. Every value is a cell (totals included); constraints say which
 * cells add up to which. Hides the smallest shown non-zero cell of a sum that pins a hidden cell,
 * one at a time, until no hidden cell is pinned.
 */
export function suppress(
	values: ReadonlyMap<string, number>,
	constraints: readonly Constraint[],
	published: Published = { forced: new Set(), known: new Map() }
): Suppressed {
	const states = new Map<string, CellState>();
	for (const [key, value] of values) {
		states.set(
			key,
			value >= 1 && value <= SMALL_MAX
				? 'small'
				: value > 0 && published.forced.has(key)
					? 'hidden'
					: 'shown'
		);
	}
	const pinned = () => {
		const bounds = attackerBounds(states, values, constraints, published.known);
		return [...states].filter(([key, s]) => {
			const b = bounds.get(key);
			// lo > hi would mean figures that disagree: treat it as pinned, never as safe.
			return s !== 'shown' && b !== undefined && b.lo >= b.hi;
		});
	};
	for (;;) {
		const open = pinned();
		if (open.length === 0) {
			return { states, unsafe: [] };
		}
		const next = nextToHide(open[0][0], states, values, constraints);
		if (next === null) {
			return { states, unsafe: open.map(([key]) => key) };
		}
		states.set(next, 'hidden');
	}
}

/** The smallest shown non-zero cell sharing a sum with the pinned cell, parts before totals so a
 * headline total stays shown when a part will do; null when none is left. */
function nextToHide(
	pinnedKey: string,
	states: ReadonlyMap<string, CellState>,
	values: ReadonlyMap<string, number>,
	constraints: readonly Constraint[]
): string | null {
	const candidates = (keys: string[]) =>
		keys
			.filter((k) => states.get(k) === 'shown' && (values.get(k) ?? 0) > 0)
			.sort((a, b) => (values.get(a) ?? 0) - (values.get(b) ?? 0) || a.localeCompare(b));
	const touching = constraints.filter((c) => c.total === pinnedKey || c.parts.includes(pinnedKey));
	for (const c of touching) {
		const [part] = candidates(c.parts);
		if (part) {
			return part;
		}
	}
	for (const c of touching) {
		const [total] = candidates([c.total]);
		if (total) {
			return total;
		}
	}
	// Every cell next to it is hidden already: widen the search one sum further out.
	for (const c of touching) {
		for (const key of [c.total, ...c.parts]) {
			if (key !== pinnedKey && states.get(key) !== 'shown') {
				const further = constraints.filter(
					(o) => o !== c && (o.total === key || o.parts.includes(key))
				);
				for (const o of further) {
					const [any] = candidates([...o.parts, o.total]);
					if (any) {
						return any;
					}
				}
			}
		}
	}
	return null;
}

/** How a cell reads on the page and in the CSV. */
export const shownAs = (state: CellState, value: number): string =>
	state === 'small' ? '<5' : state === 'hidden' ? '[c]' : String(value);
