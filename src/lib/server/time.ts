/** ISO-8601 UTC, the one timestamp format in the database. */
export const nowIso = (now: Date = new Date()): string => now.toISOString();

/** How far a signed record's own date (a deviation, a checkpoint) may be from the server's clock
 * when it arrives: enough for a slow connection and an unsynchronised laptop, not for back-dating. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export const addMinutes = (iso: string, minutes: number): string =>
	new Date(Date.parse(iso) + minutes * 60_000).toISOString();
