/**
 * One number for the queue's order, lower first: safeguarding reports (a possible child) before
 * everything, then by response grade (1 = emergency … 4 = scheduled; ungraded after graded),
 * then by age. Stored on the row so the queue is one index scan.
 */
export function queueRank(safeguarding: boolean | number, grade: number | null): number {
	return (safeguarding ? 0 : 10) + (grade ?? 5);
}
