import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';

type FreshDb = { db: ReturnType<typeof openDatabase>; dir: string };
const made: FreshDb[] = [];

/** A fresh SQLite database in its own temp folder, migrated to the latest schema. It is closed and
 * its folder removed after the test file, pass or fail (tests/unit/support/cleanup.ts). */
export async function freshDb() {
	const dir = mkdtempSync(join(tmpdir(), 'safereport-unit-'));
	const path = join(dir, 'portal.sqlite');
	const db = openDatabase(path);
	made.push({ db, dir });
	await migrateToLatest(db);
	return { db, path };
}

/** Closes every database freshDb made in this file and removes its folder. */
export async function removeFreshDbs() {
	for (const { db, dir } of made.splice(0)) {
		await db.destroy().catch(() => undefined);
		rmSync(dir, { recursive: true, force: true });
	}
}
