/** Whole hours from a report's arrival to a later step, as the statistics count durations. The
 * arrival is stored to the hour, so a finer figure would be false precision. Null: not reached. */
export function hoursAfter(createdAt: string, at: string | null): number | null {
	if (at === null) {
		return null;
	}
	const ms = Date.parse(at) - Date.parse(createdAt);
	return Number.isNaN(ms) ? null : Math.max(0, Math.floor(ms / 3_600_000));
}
