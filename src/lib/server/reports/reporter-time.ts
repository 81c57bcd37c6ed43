import { nowIso } from '../time';

/**
 * The time a reporter did something, kept no finer than the hour (docs/decisions.md, "Reporter
 * times to the hour"): a seized database or audit export must not place a reporter at the minute
 * they wrote. Order is kept by sequences (audit `seq`, message and report `seq`), not by time.
 */
export const hourOf = (now: Date = new Date()): string => {
	const hour = new Date(now);
	hour.setUTCMinutes(0, 0, 0);
	return nowIso(hour);
};
