import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';

/** A fresh SQLite database in its own temp folder, migrated to the latest schema. */
export async function freshDb() {
	const path = join(mkdtempSync(join(tmpdir(), 'safereport-unit-')), 'portal.sqlite');
	const db = openDatabase(path);
	await migrateToLatest(db);
	return { db, path };
}
