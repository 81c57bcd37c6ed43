/**
 * An attacker's solver for published tables, written apart from the suppression module so the
 * two cannot share a mistake: it tries every integer value each hidden cell could take (`<5` is
 * 1–4, `[c]` is 5 or more, up to a cap the attacker is even given for free) and keeps those that
 * satisfy every published sum. A hidden cell with only one possible value has been worked out.
 */
export interface SolverCell {
	/** The published number, or null when hidden. */
	value: number | null;
	mark: '<5' | '[c]' | null;
}
export interface SolverSum {
	total: string;
	parts: string[];
	/** 'atLeast': the parts add up to at least the total (a report may name several types). */
	kind: 'sum' | 'atLeast';
}

/** The hidden cells whose value the published figures pin down, with that value. */
export function workedOut(
	cells: Map<string, SolverCell>,
	sums: SolverSum[],
	cap: number
): Map<string, number> {
	const hidden = [...cells].filter(([, c]) => c.value === null).map(([k]) => k);
	const seen = new Map<string, Set<number>>(hidden.map((k) => [k, new Set()]));
	// Solve each group of hidden cells joined by sums on its own: independent tables multiply.
	for (const group of components(hidden, sums)) {
		const relevant = sums.filter((s) => [s.total, ...s.parts].some((k) => group.includes(k)));
		const assigned = new Map<string, number>();
		const valueOf = (k: string) => cells.get(k)?.value ?? assigned.get(k);
		const consistent = (complete: boolean) =>
			relevant.every((s) => {
				const parts = s.parts.map(valueOf);
				const total = valueOf(s.total);
				const known = parts.filter((v): v is number => v !== undefined);
				const sum = known.reduce((a, b) => a + b, 0);
				if (!complete && (total === undefined || known.length < parts.length)) {
					// Partial: hidden parts are at least 1, so a sum already too big is a dead end.
					return s.kind === 'atLeast' || total === undefined || sum <= total;
				}
				return s.kind === 'sum' ? sum === total : sum >= (total as number);
			});
		const done = () => group.every((k) => (seen.get(k)?.size ?? 0) >= 2);
		const search = (i: number): void => {
			if (done()) {
				return;
			}
			if (i === group.length) {
				if (consistent(true)) {
					for (const k of group) {
						seen.get(k)?.add(assigned.get(k) as number);
					}
				}
				return;
			}
			const key = group[i];
			const small = cells.get(key)?.mark === '<5';
			for (let v = small ? 1 : 5; v <= (small ? 4 : cap); v++) {
				assigned.set(key, v);
				if (consistent(false)) {
					search(i + 1);
				}
			}
			assigned.delete(key);
		};
		search(0);
	}
	const pinned = new Map<string, number>();
	for (const [k, values] of seen) {
		if (values.size === 1) {
			pinned.set(k, [...values][0]);
		}
		if (values.size === 0) {
			throw new Error(`No values fit the published figures for ${k}: the tables disagree.`);
		}
	}
	return pinned;
}

function components(hidden: string[], sums: SolverSum[]): string[][] {
	const left = new Set(hidden);
	const out: string[][] = [];
	for (const start of hidden) {
		if (!left.has(start)) {
			continue;
		}
		const group = [start];
		left.delete(start);
		for (let i = 0; i < group.length; i++) {
			for (const s of sums) {
				const keys = [s.total, ...s.parts];
				if (keys.includes(group[i])) {
					for (const k of keys) {
						if (left.has(k)) {
							left.delete(k);
							group.push(k);
						}
					}
				}
			}
		}
		out.push(group);
	}
	return out;
}
