import { describe, expect, it } from 'vitest';
import { freshDb, onPostgres } from './support/db';

/** Hostile text reaches queries unchanged (a username typed at login, a warning's title): a NUL
 * character in it must never turn into a server error, on either engine. */
describe('text holding a NUL character', () => {
	it('is looked up and stored without an error; PostgreSQL keeps U+FFFD in its place', async () => {
		const { db } = await freshDb();
		const found = await db
			.selectFrom('staff')
			.select('id')
			.where('username', '=', 'admin\0')
			.where('username', 'in', ['a\0', 'b'])
			.execute();
		expect(found).toEqual([]);
		await db
			.insertInto('settings')
			.values([
				{ key: 'test.one', value: 'title\0with nul' },
				{ key: 'test.two', value: 'plain' }
			])
			.execute();
		const stored = await db
			.selectFrom('settings')
			.select('value')
			.where('key', '=', 'test.one')
			.executeTakeFirstOrThrow();
		expect(stored.value).toBe(onPostgres ? 'title\uFFFDwith nul' : 'title\0with nul');
		// Binary values are not text: bytes, NUL included, come back as they went in.
		await db
			.insertInto('bulletin_sessions')
			.values({ id_hash: new Uint8Array([0, 1, 0]), expires_at: '2030-01-01T00:00:00.000Z' })
			.execute();
		const session = await db.selectFrom('bulletin_sessions').select('id_hash').executeTakeFirst();
		expect([...new Uint8Array(session!.id_hash)]).toEqual([0, 1, 0]);
	});
});
