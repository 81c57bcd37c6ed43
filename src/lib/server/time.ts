/** ISO-8601 UTC, the one timestamp format in the database. */
export const nowIso = (now: Date = new Date()): string => now.toISOString();

export const addMinutes = (iso: string, minutes: number): string =>
	new Date(Date.parse(iso) + minutes * 60_000).toISOString();
