import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { getServerSecret } from '../../src/lib/server/config';
import { openDatabase } from '../../src/lib/server/db/connect';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const folders: string[] = [];
afterEach(() => {
	for (const dir of folders.splice(0)) {
		rmSync(dir, { recursive: true, force: true });
	}
});

describe('database files are readable by their owner only', () => {
	it('creates the database, -wal, -shm and server-secret files 0600 wherever DATABASE_URL points', async () => {
		const previous = process.umask(0o022);
		try {
			const dir = mkdtempSync(join(tmpdir(), 'safereport-mode-'));
			folders.push(dir);
			for (const url of [join(dir, 'a.sqlite'), `file:${join(dir, 'nested', 'b.sqlite')}`]) {
				const db = openDatabase(url);
				await sql`create table t (x text)`.execute(db);
				await sql`insert into t values ('written')`.execute(db);
				const path = url.replace(/^file:/, '');
				expect({ db: mode(path), wal: mode(`${path}-wal`), shm: mode(`${path}-shm`) }).toEqual({
					db: '600',
					wal: '600',
					shm: '600'
				});
				await db.destroy();
			}
			// The server secret is made beside the database on first use.
			delete process.env.SERVER_SECRET;
			process.env.DATABASE_URL = `file:${join(dir, 'nested', 'b.sqlite')}`;
			getServerSecret();
			expect(mode(join(dir, 'nested', 'server-secret'))).toBe('600');
		} finally {
			process.umask(previous);
			delete process.env.DATABASE_URL;
		}
	});
});
