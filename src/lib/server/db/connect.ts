import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { isPostgresUrl, sqlitePath } from './engine';
import { openPostgres } from './postgres';
import type { Database } from './schema';
import { cacheStatements } from './statement-cache';
import { PatientSqliteDialect } from './sqlite-dialect';

export const DEFAULT_DATABASE = './data/portal.sqlite';

/**
 * The database file is made (or made again) readable by its owner only, before SQLite opens it:
 * SQLite gives the -wal and -shm files it creates the same mode as the database file.
 */
function ownerOnly(path: string) {
	mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
	closeSync(openSync(path, 'a', 0o600));
	for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
		if (existsSync(file)) {
			chmodSync(file, 0o600);
		}
	}
}

/** Opens the database named by a DATABASE_URL: a SQLite path, `file:` URL or `:memory:`, or a
 * `postgres://` URL for deployments that run several instances (README "PostgreSQL"). */
export function openDatabase(url: string = DEFAULT_DATABASE): Kysely<Database> {
	if (isPostgresUrl(url)) {
		return openPostgres(url);
	}
	const path = sqlitePath(url);
	if (path !== ':memory:') {
		ownerOnly(path);
	}
	const sqlite = new SQLite(path);
	cacheStatements(sqlite);
	sqlite.pragma('journal_mode = WAL');
	// FULL: an acknowledged report survives power loss, not only a process crash.
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// Deleted content is overwritten with zeros rather than left in free pages.
	sqlite.pragma('secure_delete = ON');
	// Speed, measured on the submit path (README "Benchmarks"): each report is written in a
	// savepoint of a shared commit (audit/group-commit.ts), and SQLite keeps a savepoint's undo
	// pages in a temporary file unless told to keep them in memory; that file's writes made the
	// report insert two to three times slower. Temporary tables and sorts stay in memory too, so
	// none of them leaves a file behind. A larger page cache (64 MiB, the default is 2) holds the
	// reports table's many indexes.
	sqlite.pragma('temp_store = MEMORY');
	sqlite.pragma('cache_size = -65536');
	// The query planner needs table statistics to choose the queue's indexes: on opening, tables
	// that never had any or have moved ten-fold are analysed in full (without 0x10, no sampling).
	// After that the server keeps them itself (planner-stats.ts); not a periodic `pragma optimize`,
	// whose analysis is sampled and would put biased figures back.
	sqlite.pragma('optimize = 0x10002');
	// From here on a connection that finds the write lock taken waits without blocking its thread
	// (sqlite-dialect.ts); the pragmas above may wait in it, once, while the database opens.
	sqlite.pragma('busy_timeout = 0');
	return new Kysely<Database>({ dialect: new PatientSqliteDialect({ database: sqlite }) });
}
