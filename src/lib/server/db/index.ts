import type { Kysely } from 'kysely';
import { databaseUrl, getServerSecret } from '../config';
import { isPostgresUrl } from './engine';
import { openDatabase } from './connect';
import { migrateToLatest } from './migrate';
import { startPlannerStatistics } from './planner-stats';
import type { Database } from './schema';

export type Db = Kysely<Database>;

let db: Db | undefined;
let ready: Promise<Db> | undefined;

/** The process-wide database handle, migrated before first use. */
export function getDb(): Promise<Db> {
	ready ??= (async () => {
		if (isPostgresUrl(databaseUrl())) {
			// Fails at start, with its reason, when instances could disagree on the secret.
			getServerSecret();
		}
		db = openDatabase(databaseUrl());
		await migrateToLatest(db);
		startPlannerStatistics(db);
		return db;
	})();
	return ready;
}
