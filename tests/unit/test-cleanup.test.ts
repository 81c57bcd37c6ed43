import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDb, removeFreshDbs } from './support/db';

describe('unit test databases', () => {
	it('are closed and their temp folders removed', async () => {
		const { db, path } = await freshDb();
		await db.selectFrom('reports').select('id').execute();
		expect(existsSync(dirname(path))).toBe(true);
		await removeFreshDbs();
		expect(existsSync(dirname(path))).toBe(false);
	});
});
