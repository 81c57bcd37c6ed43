/**
 * A seeded pseudo-random generator for fuzz suites (mulberry32): the same seed gives the same
 * run, so a failure can be replayed with FUZZ_SEED. Never for anything secret.
 */
export function prng(seed: number) {
	let state = seed | 0;
	const next = () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return Object.assign(next, {
		/** A whole number in [0, n). */
		int: (n: number) => Math.floor(next() * n),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
		chance: (p: number) => next() < p
	});
}
export type Random = ReturnType<typeof prng>;

/** The seed a suite runs with: FUZZ_SEED if set, else the suite's own fixed one. */
export const fuzzSeed = (fallback: number) => Number(process.env.FUZZ_SEED ?? fallback);
