/** Per-account backoff: a few free mistakes, then a lock that doubles with each further failure. */
export const FREE_FAILURES = 4;
export const MAX_LOCK_MINUTES = 60;

/** Minutes to lock an account after its n-th consecutive failure (0 = not locked). */
export const lockMinutes = (failures: number): number =>
	failures <= FREE_FAILURES ? 0 : Math.min(2 ** (failures - FREE_FAILURES - 1), MAX_LOCK_MINUTES);

export const minutesLeft = (lockedUntil: string, now: Date): number =>
	Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60_000));

export const lockedMessage = (minutes: number): string =>
	`Too many attempts, try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
