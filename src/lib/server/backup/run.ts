import {
	closeSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
	writeSync
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { fromBase64url, toBase64url } from '../../crypto/encoding';
import { getSodiumSumo } from '../../crypto/sodium-sumo';
import { passphraseProblem } from '../../staff/passphrase-strength';
import { databaseUrl, serverSecretFile } from '../config';
import { backupPassphrase } from './ask';
import { BackupError, openBackup, readBackup, writeBackup } from './container';
import {
	checkDatabase,
	currentServerSecret,
	databaseIsEmpty,
	snapshotDatabase,
	sqlitePath,
	type DatabaseSummary
} from './sqlite';

/**
 * `npm run backup -- <file>`: a consistent copy of the live database and the server secret, in
 * one file encrypted under the backup passphrase. The plain copy exists only in a private temp
 * folder beside the output, removed before this returns.
 */
export async function makeBackup(outPath: string): Promise<DatabaseSummary> {
	const dbPath = sqlitePath(databaseUrl());
	const out = resolve(outPath);
	if (existsSync(out)) {
		throw new BackupError(`${out} already exists. Choose a new file name.`);
	}
	const server = currentServerSecret();
	if (!server) {
		throw new BackupError(
			`No server secret found: SERVER_SECRET is not set and ${serverSecretFile()} does not exist.`
		);
	}
	const passphrase = await backupPassphrase(true);
	const problem = await passphraseProblem(passphrase, passphrase, ['backup']);
	if (problem) {
		throw new BackupError(`The backup passphrase is not strong enough. ${problem}`);
	}
	const work = mkdtempSync(join(dirname(out), '.safereport-backup-'));
	const partial = join(work, basename(out));
	try {
		const copy = join(work, 'portal.sqlite');
		await snapshotDatabase(dbPath, copy);
		const summary = checkDatabase(copy);
		writeBackup(await getSodiumSumo(), {
			outPath: partial,
			dbPath: copy,
			secret: server.secret,
			secretSource: server.source,
			passphrase
		});
		renameSync(partial, out);
		return summary;
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

/** Where the restored secret goes, or why it cannot go there (checked before anything is written). */
function secretTarget(force: boolean): { file: string | null; compare: Uint8Array | null } {
	if (process.env.SERVER_SECRET) {
		return { file: null, compare: fromBase64url(process.env.SERVER_SECRET) };
	}
	const file = serverSecretFile();
	if (existsSync(file) && !force) {
		return { file, compare: fromBase64url(readFileSync(file, 'utf8').trim()) };
	}
	return { file, compare: null };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
	a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * `npm run restore -- <file> [--force]`: into the database DATABASE_URL names, and the server
 * secret where the portal reads it. Refuses a non-empty database (and a different secret file)
 * without --force; writes nothing at all when the passphrase is wrong or the file is damaged.
 * Stop the portal before restoring over its database.
 */
export async function restoreBackup(
	inPath: string,
	opts: { force: boolean }
): Promise<DatabaseSummary> {
	const dbPath = resolve(sqlitePath(databaseUrl()));
	if (!existsSync(inPath)) {
		throw new BackupError(`There is no file at ${inPath}.`);
	}
	if (!opts.force && !databaseIsEmpty(dbPath)) {
		throw new BackupError(
			`The database at ${dbPath} is not empty. Stop the portal, then run again with --force to replace it.`
		);
	}
	const target = secretTarget(opts.force);
	const backup = openBackup(inPath);
	try {
		const sumo = await getSodiumSumo();
		const { secret, pieces } = readBackup(sumo, backup, await backupPassphrase(false));
		if (target.compare && !sameBytes(target.compare, secret)) {
			throw new BackupError(
				target.file
					? `${target.file} holds another server secret. Run again with --force to replace it.`
					: 'SERVER_SECRET is set to another server secret than the backup’s. Unset it, so the ' +
							`restored one is written to ${serverSecretFile()}, and run again.`
			);
		}
		mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
		const partial = `${dbPath}.restoring-${toBase64url(new Uint8Array(randomBytes(6)))}`;
		try {
			const out = openSync(partial, 'wx', 0o600);
			try {
				for (const piece of pieces()) {
					writeSync(out, piece);
				}
				fsyncSync(out);
			} finally {
				closeSync(out);
			}
			const summary = checkDatabase(partial);
			// A -wal or -shm left from the old database would be replayed into the restored one.
			for (const stale of [`${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`]) {
				rmSync(stale, { force: true });
			}
			renameSync(partial, dbPath);
			if (target.file) {
				writeSecretFile(target.file, secret);
			}
			return summary;
		} finally {
			for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) {
				rmSync(leftover, { force: true });
			}
		}
	} finally {
		closeSync(backup.fd);
	}
}

function writeSecretFile(file: string, secret: Uint8Array) {
	mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
	const partial = `${file}.restoring`;
	writeFileSync(partial, toBase64url(secret) + '\n', { mode: 0o600 });
	renameSync(partial, file);
}
