import type { Db } from '../db';
import { deliverDue } from './deliver';
import { runDigest } from './digest';

/** One pass: what is due goes out, then any digest whose period has ended is queued and sent. */
export async function runAlertsOnce(db: Db, now: Date): Promise<void> {
	await deliverDue(db, now);
	if (await runDigest(db, now)) {
		await deliverDue(db, now);
	}
}

let wake: (() => Promise<void>) | null = null;

/** Called right after a safeguarding report is committed: sends its alert now rather than at the
 * next tick. Does nothing when the scheduler is not running (tests, scripts). */
export const wakeAlerts = (): Promise<void> => wake?.() ?? Promise.resolve();

/** Off under tests (vitest, or NODE_ENV=test) unless ALERTS_SCHEDULER=on; ALERTS_SCHEDULER=off
 * turns it off anywhere. */
export function alertsSchedulerWanted(): boolean {
	const setting = process.env.ALERTS_SCHEDULER;
	if (setting === 'on' || setting === 'off') {
		return setting === 'on';
	}
	return process.env.NODE_ENV !== 'test' && !process.env.VITEST;
}

/**
 * Runs the alerts in the background: at once (so anything left in the outbox by a crash or a
 * restart goes out), every minute after, and whenever woken. Timers are unref'd so they never
 * hold the process open. The returned stop function waits for a pass in flight to finish.
 */
export function startAlerts(
	db: Db,
	{ now = () => new Date(), everyMs = 60_000 }: { now?: () => Date; everyMs?: number } = {}
): () => Promise<void> {
	let inFlight: Promise<void> | null = null;
	let again = false;
	let stopped = false;

	const pass = async () => {
		do {
			again = false;
			try {
				await runAlertsOnce(db, now());
			} catch (err) {
				// Sending errors never reach here (deliver.ts keeps only their class); this is the database.
				console.error('alerts: a pass failed:', err instanceof Error ? err.message : 'unknown');
			}
		} while (again && !stopped);
	};
	const tick = (): Promise<void> => {
		if (stopped) {
			return Promise.resolve();
		}
		if (inFlight) {
			again = true;
			return inFlight;
		}
		inFlight = pass().finally(() => {
			inFlight = null;
		});
		return inFlight;
	};

	const timer = setInterval(() => void tick(), everyMs);
	timer.unref();
	wake = tick;
	void tick();
	return async () => {
		stopped = true;
		clearInterval(timer);
		if (wake === tick) {
			wake = null;
		}
		await inFlight;
	};
}
