import { databaseUrl } from '../config';
import { getDb, type Db } from '../db';
import { isPostgresUrl } from '../db/engine';

/** Solved proof-of-work challenges, kept until they expire, so one solution buys one submission.
 * `spend` returns false if the challenge was already spent (here or, shared, on any instance). */
export interface SpentChallenges {
	spend(signature: string, expiresAtMs: number, now?: number): Promise<boolean>;
}

const SWEEP_EVERY_MS = 60_000;

/** One process's memory: enough for a single SQLite instance. */
export class MemorySpentChallenges implements SpentChallenges {
	private readonly spent = new Map<string, number>();
	private lastSweep = 0;

	async spend(signature: string, expiresAtMs: number, now = Date.now()): Promise<boolean> {
		// Expired entries are swept once a minute, not on every spend: walking every entry per
		// submission made a burst of reports cost time in the square of its size.
		if (now - this.lastSweep >= SWEEP_EVERY_MS) {
			this.lastSweep = now;
			for (const [known, expires] of this.spent) {
				if (expires < now) {
					this.spent.delete(known);
				}
			}
		}
		if (this.spent.has(signature)) {
			return false;
		}
		this.spent.set(signature, expiresAtMs);
		return true;
	}
}

/** The database, shared by every instance: the primary key lets exactly one insert win, even
 * when two instances receive the same solution at the same moment. */
export class DatabaseSpentChallenges implements SpentChallenges {
	private lastSweep = 0;

	constructor(private readonly db: () => Promise<Db>) {}

	async spend(signature: string, expiresAtMs: number, now = Date.now()): Promise<boolean> {
		const db = await this.db();
		if (now - this.lastSweep >= SWEEP_EVERY_MS) {
			this.lastSweep = now;
			await db
				.deleteFrom('spent_challenges')
				.where('expires_at', '<', new Date(now).toISOString())
				.execute();
		}
		const result = await db
			.insertInto('spent_challenges')
			.values({ signature, expires_at: new Date(expiresAtMs).toISOString() })
			.onConflict((oc) => oc.column('signature').doNothing())
			.executeTakeFirst();
		return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
	}
}

/** In memory for a single SQLite instance, in the database when instances share PostgreSQL. */
export const spentChallengeStore = (): SpentChallenges =>
	isPostgresUrl(databaseUrl()) ? new DatabaseSpentChallenges(getDb) : new MemorySpentChallenges();
