/** Median and 95th percentile of a set of timings (nearest-rank). */
export function summarize(ms: number[]): { median: number; p95: number } {
	const sorted = [...ms].sort((a, b) => a - b);
	const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	return { median: rank(0.5), p95: rank(0.95) };
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);
