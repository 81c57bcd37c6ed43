import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { freshDb, onPostgres } from './support/db';

describe('migrations', () => {
	it('lists every migration file, in order', () => {
		const files = readdirSync('migrations')
			.filter((f) => /^\d{4}_.*\.ts$/.test(f))
			.map((f) => f.replace(/\.ts$/, ''));
		expect(Object.keys(migrations)).toEqual(files.sort());
	});

	// SQLite's own settings; PostgreSQL's durability is the server's (README "PostgreSQL").
	it.skipIf(onPostgres)(
		'applies to a fresh database with the durability settings of DESIGN §7',
		async () => {
			const { db } = await freshDb();
			const pragma = async (name: string) =>
				Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
			expect(await pragma('journal_mode')).toBe('wal');
			expect(await pragma('synchronous')).toBe(2); // FULL
			expect(await pragma('foreign_keys')).toBe(1);
			expect(await pragma('secure_delete')).toBe(1);
			const tables = await db.introspection.getTables();
			expect(tables.map((t) => t.name)).toEqual(
				expect.arrayContaining(['staff', 'reports', 'audit_events', 'keyring_grants', 'sessions'])
			);
			await db.destroy();
		}
	);
});
