import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';

/**
 * Every table's rows, counted and hashed, so a test can prove that requests it expects to be
 * refused wrote nothing. `ignore` names columns a refused request may still touch, by design
 * (e.g. `sessions.last_seen_at`: every signed-in request keeps its session alive).
 */
export function databaseFingerprint(path: string, ignore: string[] = []) {
	const db = new Database(path, { readonly: true });
	try {
		const tables = (
			db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
				name: string;
			}[]
		).map((t) => t.name);
		const hash = createHash('sha256');
		const counts: Record<string, number> = {};
		for (const table of tables) {
			const columns = (db.prepare(`pragma table_info("${table}")`).all() as { name: string }[])
				.map((c) => c.name)
				.filter((c) => !ignore.includes(`${table}.${c}`));
			const rows = db
				.prepare(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${table}" order by rowid`)
				.raw()
				.all();
			counts[table] = rows.length;
			hash.update(table + JSON.stringify(rows, (_k, v) => (v?.type === 'Buffer' ? v.data : v)));
		}
		return { counts, hash: hash.digest('hex') };
	} finally {
		db.close();
	}
}

/**
 * A cheap sign that nothing was committed since the last look: SQLite in WAL mode appends every
 * commit to the -wal file (and a checkpoint rewrites the database file), so equal stamps mean no
 * write. Unequal stamps say only "look closer", with databaseFingerprint.
 */
export function writeStamp(path: string): string {
	return [path, `${path}-wal`]
		.map((file) => {
			if (!existsSync(file)) {
				return '-';
			}
			const stat = statSync(file, { bigint: true });
			return `${stat.size}:${stat.mtimeNs}`;
		})
		.join('|');
}
