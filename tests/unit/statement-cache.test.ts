import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from '../../src/lib/server/db/statement-cache';

describe('prepared statements kept by their SQL', () => {
	it('are reused, never while busy, and follow a change of schema', () => {
		const sqlite = new SQLite(':memory:');
		cacheStatements(sqlite, 2);
		sqlite.exec('create table t (a integer); insert into t values (1), (2), (3)');
		const first = sqlite.prepare('select a from t order by a');
		expect(sqlite.prepare('select a from t order by a')).toBe(first);

		// While one is being iterated, the same SQL gets a statement of its own.
		const rows: number[] = [];
		for (const row of first.iterate() as Iterable<{ a: number }>) {
			const inner = sqlite.prepare('select a from t order by a');
			expect(inner).not.toBe(first);
			rows.push(row.a, (inner.all() as { a: number }[]).length);
		}
		expect(rows).toEqual([1, 3, 2, 3, 3, 3]);

		// A new column: the kept statement answers with the table as it is now.
		sqlite.exec('alter table t add column b text default "x"');
		const star = sqlite.prepare('select * from t where a = ?');
		expect(star.get(1)).toEqual({ a: 1, b: 'x' });
		sqlite.exec('alter table t add column c integer default 7');
		expect(sqlite.prepare('select * from t where a = ?').get(1)).toEqual({ a: 1, b: 'x', c: 7 });

		// At most `size` are kept: the least recently used goes first.
		const one = sqlite.prepare('select 1');
		sqlite.prepare('select 2');
		sqlite.prepare('select 1');
		sqlite.prepare('select 3');
		expect(sqlite.prepare('select 1')).toBe(one);
		sqlite.close();
	});
});
