// Applies pending migrations to the database named by DATABASE_URL (default ./data/portal.sqlite).
import { databaseUrl } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';

const db = openDatabase(databaseUrl());
try {
	const applied = await migrateToLatest(db);
	console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} finally {
	await db.destroy();
}
