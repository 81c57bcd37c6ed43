import { type Kysely, type MigrationProvider, Migrator } from 'kysely';
import { migrations } from '../../../../migrations/index';
import type { Database } from './schema';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
	const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
	if (error) {
		throw error;
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
