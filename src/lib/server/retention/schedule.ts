import type { Db } from '../db';
import { purgeDue, type PurgeResult } from './purge';

export const PURGE_EVERY_MS = 24 * 60 * 60_000;
/** The first purge waits a minute, so start-up (migrations, the first requests) goes first. */
export const FIRST_PURGE_AFTER_MS = 60_000;

/** On in a deployment; off under tests (vitest, NODE_ENV=test, or RETENTION_PURGE=off, which the
 * end-to-end suite sets) unless RETENTION_PURGE=on. */
export function retentionWanted(env: NodeJS.ProcessEnv = process.env): boolean {
	if (env.RETENTION_PURGE === 'on' || env.RETENTION_PURGE === 'off') {
		return env.RETENTION_PURGE === 'on';
	}
	return env.NODE_ENV !== 'test' && !env.VITEST;
}

export interface RetentionOptions {
	now: () => Date;
	/** Whether to run at all; by default `retentionWanted()`. A test turns it on here. */
	enabled?: boolean;
	/** Told of each purge's result or failure (the server logs counts only, never a reference). */
	onResult?: (result: PurgeResult | Error) => void;
}

const logResult = (result: PurgeResult | Error) => {
	if (result instanceof Error) {
		console.error('retention purge failed:', result.message);
	} else if (result.counts.reports + result.counts.warnings > 0) {
		console.log(
			`retention purge: ${result.counts.reports} reports, ${result.counts.warnings} warnings deleted`
		);
	}
};

/**
 * Runs the purge (when wanted) a minute after start and then once a day, each pass on the injected clock, one
 * pass at a time. A restart runs it again, which is harmless: a pass deletes only what is due.
 * Timers are unref'd so they never hold the process open. Returns a stop function that waits for
 * a pass in flight.
 */
export function startRetention(db: Db, options: RetentionOptions): () => Promise<void> {
	if (!(options.enabled ?? retentionWanted())) {
		return async () => {};
	}
	const report = options.onResult ?? logResult;
	let running: Promise<void> | null = null;
	let stopped = false;
	const pass = () => {
		if (stopped || running) {
			return;
		}
		running = purgeDue(db, { now: options.now() })
			.then(report, (err: unknown) => report(err instanceof Error ? err : new Error(String(err))))
			.finally(() => {
				running = null;
			});
	};
	const first = setTimeout(pass, FIRST_PURGE_AFTER_MS);
	const daily = setInterval(pass, PURGE_EVERY_MS);
	first.unref();
	daily.unref();
	return async () => {
		stopped = true;
		clearTimeout(first);
		clearInterval(daily);
		await running;
	};
}
