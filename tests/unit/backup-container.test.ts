import { closeSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSodiumSumo, type SodiumSumo } from '../../src/lib/crypto/sodium-sumo';
import {
	BackupError,
	openBackup,
	readBackup,
	writeBackup
} from '../../src/lib/server/backup/container';

const PASSPHRASE = 'gravel otter sunrise pamphlet juniper';
let sumo: SodiumSumo;
let dir: string;
let backupPath: string;
// More than one 1 MiB piece, so the stream has several records and a FINAL one.
const database = new Uint8Array(randomBytes(2.5 * 1024 * 1024));
const secret = new Uint8Array(randomBytes(32));

/** Reads a whole backup, as restore does; closes the file either way. */
function restoreFrom(path: string, passphrase = PASSPHRASE) {
	const backup = openBackup(path);
	try {
		const opened = readBackup(sumo, backup, passphrase);
		const pieces = [...opened.pieces()];
		return { secret: opened.secret, database: Buffer.concat(pieces) };
	} finally {
		closeSync(backup.fd);
	}
}

beforeAll(async () => {
	sumo = await getSodiumSumo();
	dir = mkdtempSync(join(tmpdir(), 'safereport-backup-unit-'));
	const dbPath = join(dir, 'portal.sqlite');
	writeFileSync(dbPath, database);
	backupPath = join(dir, 'portal.backup');
	writeBackup(sumo, {
		outPath: backupPath,
		dbPath,
		secret,
		secretSource: 'file',
		passphrase: PASSPHRASE
	});
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// argon2id at MODERATE limits takes seconds on a busy machine: one derivation per test.
describe('backup file', { timeout: 60_000 }, () => {
	it('gives back the server secret and the database, byte for byte', () => {
		const restored = restoreFrom(backupPath);
		expect(restored.secret).toEqual(secret);
		expect(restored.database.equals(Buffer.from(database))).toBe(true);
		// Nothing of either is in the file in the clear.
		const file = readFileSync(backupPath);
		expect(file.includes(Buffer.from(database.subarray(0, 64)))).toBe(false);
		expect(file.includes(Buffer.from(secret))).toBe(false);
	});

	it('detects a file cut off before its end', () => {
		const cut = join(dir, 'cut.backup');
		const file = readFileSync(backupPath);
		writeFileSync(cut, file.subarray(0, file.length - 1000));
		let error: unknown;
		try {
			restoreFrom(cut);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(BackupError);
		expect((error as Error).message).toMatch(/cut off/);
	});

	it('refuses a changed header as it refuses a wrong passphrase', () => {
		const changed = join(dir, 'changed.backup');
		writeFileSync(
			changed,
			readFileSync(backupPath, 'latin1').replace('"secret_source":"file"', '"secret_source":"env"'),
			'latin1'
		);
		expect(() => restoreFrom(changed)).toThrow(/does not open this backup/);
	});
});
