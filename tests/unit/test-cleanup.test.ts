import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDb, onPostgres, removeFreshDbs } from './support/db';
import { databaseExists } from './support/postgres';

/** A SQLite test database is a temp folder; a PostgreSQL one is a database on the test server. */
const stillThere = (path: string) =>
	onPostgres ? databaseExists(path) : Promise.resolve(existsSync(dirname(path)));

describe('unit test databases', () => {
	it('are closed and their temp folders (or PostgreSQL databases) removed', async () => {
		const { db, path } = await freshDb();
		await db.selectFrom('reports').select('id').execute();
		expect(await stillThere(path)).toBe(true);
		await removeFreshDbs();
		expect(await stillThere(path)).toBe(false);
	});
});
