import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { copyTemplate, databaseUrlFor, dropDatabase, onPostgres } from './postgres';

export { onPostgres } from './postgres';

type FreshDb = { db: ReturnType<typeof openDatabase>; dir?: string; database?: string };
const made: FreshDb[] = [];

/** A fresh database migrated to the latest schema: a SQLite file in its own temp folder, or with
 * TEST_POSTGRES_URL set, a new PostgreSQL database (then `path` is its URL). It is closed and
 * removed after the test file, pass or fail (tests/unit/support/cleanup.ts). */
export async function freshDb() {
	if (onPostgres) {
		const database = await copyTemplate();
		const path = databaseUrlFor(database);
		const db = openDatabase(path);
		made.push({ db, database });
		await migrateToLatest(db);
		return { db, path };
	}
	const dir = mkdtempSync(join(tmpdir(), 'safereport-unit-'));
	const path = join(dir, 'portal.sqlite');
	const db = openDatabase(path);
	made.push({ db, dir });
	await migrateToLatest(db);
	return { db, path };
}

/** Closes every database freshDb made in this file and removes its folder or drops it. */
export async function removeFreshDbs() {
	for (const { db, dir, database } of made.splice(0)) {
		await db.destroy().catch(() => undefined);
		if (dir) {
			rmSync(dir, { recursive: true, force: true });
		}
		if (database) {
			await dropDatabase(database);
		}
	}
}
