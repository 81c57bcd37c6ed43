import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fromBase64url } from '../../crypto/encoding';
import { serverSecretFile } from '../config';
import { BackupError } from './container';

/** The SQLite file a DATABASE_URL names. Backups and restores are SQLite-only for now. */
export function sqlitePath(url: string): string {
	if (/^postgres(ql)?:\/\//.test(url)) {
		throw new BackupError(
			'npm run backup and npm run restore work with SQLite only for now. DATABASE_URL names a ' +
				'PostgreSQL database: back it up with pg_dump, and the server secret separately.'
		);
	}
	const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
	if (path === ':memory:') {
		throw new BackupError('DATABASE_URL names an in-memory database: there is nothing to back up.');
	}
	return path;
}

/**
 * A consistent copy of a live database through SQLite's online backup API: the portal keeps
 * serving while it runs. Each step after the first copies every remaining page, so writes made
 * meanwhile (which restart a backup from another connection) cannot keep it from finishing.
 */
export async function snapshotDatabase(sourcePath: string, destPath: string): Promise<void> {
	if (!existsSync(sourcePath) || statSync(sourcePath).size === 0) {
		throw new BackupError(`There is no database at ${sourcePath}.`);
	}
	const source = new Database(sourcePath, { fileMustExist: true });
	try {
		source.pragma('busy_timeout = 5000');
		await source.backup(destPath, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
	} finally {
		source.close();
	}
}

export interface DatabaseSummary {
	reports: number;
	auditEvents: number;
}

/** Opens a database file, checks its integrity and counts what a person can check by eye. */
export function checkDatabase(path: string): DatabaseSummary {
	const db = new Database(path, { fileMustExist: true });
	try {
		const integrity = db.pragma('integrity_check', { simple: true });
		if (integrity !== 'ok') {
			throw new BackupError(`The database copy failed its integrity check: ${String(integrity)}`);
		}
		const count = (table: string) =>
			(db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
		return { reports: count('reports'), auditEvents: count('audit_events') };
	} finally {
		db.close();
	}
}

/** True when the file is missing, empty, or a database with no tables yet. */
export function databaseIsEmpty(path: string): boolean {
	if (!existsSync(path) || statSync(path).size === 0) {
		return true;
	}
	const db = new Database(path, { fileMustExist: true, readonly: true });
	try {
		const row = db.prepare("select count(*) as n from sqlite_master where type = 'table'").get();
		return (row as { n: number }).n === 0;
	} finally {
		db.close();
	}
}

/** The server secret as the portal reads it (config.ts), without making one when it is missing. */
export function currentServerSecret(): { secret: Uint8Array; source: 'env' | 'file' } | null {
	let secret: Uint8Array;
	let source: 'env' | 'file';
	if (process.env.SERVER_SECRET) {
		secret = fromBase64url(process.env.SERVER_SECRET);
		source = 'env';
	} else if (existsSync(serverSecretFile())) {
		secret = fromBase64url(readFileSync(serverSecretFile(), 'utf8').trim());
		source = 'file';
	} else {
		return null;
	}
	if (secret.length !== 32) {
		throw new BackupError('The server secret is not 32 bytes of base64url: check SERVER_SECRET.');
	}
	return { secret, source };
}
