import { createHmac } from 'node:crypto';
import { databaseUrl, getServerSecret } from '../config';
import { getDb, type Db } from '../db';
import { isPostgresUrl } from '../db/engine';
import { addressBucket } from './address-bucket';
import type { Budget } from './rate-limit';

/** Where the rate-limit counters live: `take` spends one request and returns 0 to go on, else the
 * milliseconds until the window ends. */
export interface RateStore {
	take(budget: Budget, address: string, now?: number): number | Promise<number>;
}

const HOUR = 60 * 60_000;
/** Longer than the longest budget's window: a row older than this counts for nothing. */
const FORGET_AFTER_MS = HOUR;
const SWEEP_EVERY_MS = 60_000;

/**
 * Counters in the database, shared by every instance (PostgreSQL deployments). Each instance must
 * name an address's bucket alike, so the hourly key is derived from the shared server secret and
 * the hour rather than drawn at random in memory: the table holds keyed hashes, never addresses,
 * and rows are deleted once their window has passed. Each request is one atomic upsert, so two
 * instances counting the same bucket at once cannot both take the last request.
 */
export class DatabaseRateCounters implements RateStore {
	private lastSweep = 0;

	constructor(
		private readonly db: () => Promise<Db>,
		private readonly secret: () => Uint8Array = getServerSecret,
		private readonly factor = 1
	) {}

	private bucket(budget: Budget, address: string, now: number): string {
		const hourKey = createHmac('sha256', this.secret())
			.update(`rate-limit|${Math.floor(now / HOUR)}`)
			.digest();
		const hash = createHmac('sha256', hourKey).update(addressBucket(address)).digest('base64url');
		return budget.name + ':' + hash;
	}

	async take(budget: Budget, address: string, now = Date.now()): Promise<number> {
		const db = await this.db();
		await this.sweep(db, now);
		const cutoff = new Date(now - budget.windowMs).toISOString();
		const row = await db
			.insertInto('rate_counters')
			.values({
				bucket: this.bucket(budget, address, now),
				window_start: new Date(now).toISOString(),
				count: 1
			})
			.onConflict((oc) =>
				oc.column('bucket').doUpdateSet((eb) => {
					const expired = eb('rate_counters.window_start', '<=', cutoff);
					return {
						count: eb
							.case()
							.when(expired)
							.then(eb.lit(1))
							.else(eb('rate_counters.count', '+', eb.lit(1)))
							.end(),
						window_start: eb
							.case()
							.when(expired)
							.then(eb.ref('excluded.window_start'))
							.else(eb.ref('rate_counters.window_start'))
							.end()
					};
				})
			)
			.returning(['count', 'window_start'])
			.executeTakeFirstOrThrow();
		if (row.count <= budget.requests * this.factor) {
			return 0;
		}
		return Date.parse(row.window_start) + budget.windowMs - now;
	}

	/** Forgets windows that have passed, at most once a minute per instance. */
	private async sweep(db: Db, now: number) {
		if (now - this.lastSweep < SWEEP_EVERY_MS) {
			return;
		}
		this.lastSweep = now;
		await db
			.deleteFrom('rate_counters')
			.where('window_start', '<', new Date(now - FORGET_AFTER_MS).toISOString())
			.execute();
	}
}

/** The database's counters when instances share PostgreSQL; undefined for a single SQLite
 * instance, which counts in memory (nothing to share, and no write per request; docs/decisions.md,
 * "Shared limits"). */
export const sharedRateCounters = (factor: number): RateStore | undefined =>
	isPostgresUrl(databaseUrl())
		? new DatabaseRateCounters(getDb, getServerSecret, factor)
		: undefined;
