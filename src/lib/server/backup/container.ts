import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { canonical, fromBase64url, fromUtf8, toBase64url, utf8 } from '../../crypto/encoding';
import { deriveKitKey, KIT_KDF_MEM, KIT_KDF_OPS } from '../../crypto/recovery-kit';
import type { SodiumSumo } from '../../crypto/sodium-sumo';

/**
 * The backup file (README "Backups"). One file, written and read front to back:
 *
 *   "SAFEREPORT-BACKUP\n"
 *   header: one line of JSON, then "\n"
 *     { v: 1, created_at, engine: "sqlite", secret_source: "file" | "env",
 *       kdf: { alg: "argon2id13", salt, ops, mem }, stream: <secretstream header, base64url> }
 *   records: [uint32 big-endian length][crypto_secretstream_xchacha20poly1305 message] ...
 *     record 1: the 32-byte server secret, with ad = utf8("backup1|" + canonical(header))
 *     records 2..n: the database file in 1 MiB pieces, the last tagged FINAL
 *
 * key = crypto_pwhash(32, backup passphrase, salt, ops, mem, ALG_ARGON2ID13), MODERATE limits.
 * The whole database is encrypted, not only the secret: report content is already ciphertext,
 * but envelopes, triage fields and usernames are not.
 */
export const BACKUP_MAGIC = 'SAFEREPORT-BACKUP\n';
export const BACKUP_VERSION = 1;
const PIECE = 1024 * 1024;
const MAX_HEADER = 4096;

export interface BackupHeader {
	v: typeof BACKUP_VERSION;
	created_at: string;
	engine: 'sqlite';
	secret_source: 'file' | 'env';
	kdf: { alg: 'argon2id13'; salt: string; ops: number; mem: number };
	stream: string;
}

/** A backup that cannot be read: wrong passphrase, damage, or not a backup. Shown as it is. */
export class BackupError extends Error {}

const headerAd = (header: BackupHeader) => utf8('backup1|' + canonical(header));

function lengthPrefix(n: number): Uint8Array {
	const out = new Uint8Array(4);
	new DataView(out.buffer).setUint32(0, n);
	return out;
}

/** Encrypts the server secret and the database file at `dbPath` into the file at `outPath`. */
export function writeBackup(
	sumo: SodiumSumo,
	opts: {
		outPath: string;
		dbPath: string;
		secret: Uint8Array;
		secretSource: BackupHeader['secret_source'];
		passphrase: string;
		now?: Date;
	}
): void {
	const salt = sumo.randombytes_buf(16);
	const key = deriveKitKey(sumo, opts.passphrase, salt, KIT_KDF_OPS, KIT_KDF_MEM);
	const { state, header: stream } = sumo.crypto_secretstream_xchacha20poly1305_init_push(key);
	sumo.memzero(key);
	const header: BackupHeader = {
		v: BACKUP_VERSION,
		created_at: (opts.now ?? new Date()).toISOString(),
		engine: 'sqlite',
		secret_source: opts.secretSource,
		kdf: { alg: 'argon2id13', salt: toBase64url(salt), ops: KIT_KDF_OPS, mem: KIT_KDF_MEM },
		stream: toBase64url(stream)
	};
	const MESSAGE = sumo.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
	const FINAL = sumo.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
	const out = openSync(opts.outPath, 'wx', 0o600);
	const input = openSync(opts.dbPath, 'r');
	try {
		writeSync(out, utf8(BACKUP_MAGIC + JSON.stringify(header) + '\n'));
		const record = (plain: Uint8Array, ad: Uint8Array | null, tag: number) => {
			const sealed = sumo.crypto_secretstream_xchacha20poly1305_push(state, plain, ad, tag);
			writeSync(out, lengthPrefix(sealed.length));
			writeSync(out, sealed);
		};
		record(opts.secret, headerAd(header), MESSAGE);
		const piece = new Uint8Array(PIECE);
		let next = readSync(input, piece);
		while (next > 0) {
			const current = piece.slice(0, next);
			next = readSync(input, piece);
			record(current, null, next > 0 ? MESSAGE : FINAL);
		}
	} finally {
		closeSync(input);
		closeSync(out);
	}
}

function parseHeader(line: string): BackupHeader {
	let h: BackupHeader;
	try {
		h = JSON.parse(line);
	} catch {
		throw new BackupError('This file is not a SafeReport backup, or it is damaged.');
	}
	if (h?.v !== BACKUP_VERSION) {
		throw new BackupError('This backup was made by another version of SafeReport.');
	}
	const kdf = h.kdf;
	if (
		h.engine !== 'sqlite' ||
		kdf?.alg !== 'argon2id13' ||
		!Number.isInteger(kdf.ops) ||
		kdf.ops < 1 ||
		kdf.ops > 10 ||
		!Number.isInteger(kdf.mem) ||
		kdf.mem < 8192 ||
		kdf.mem > 1024 * 1024 * 1024
	) {
		throw new BackupError('This backup is damaged: its header is not one SafeReport writes.');
	}
	return h;
}

/** Opens a backup for reading: the header now, the contents through `restoreTo`. */
export function openBackup(path: string) {
	const fd = openSync(path, 'r');
	try {
		const start = readExactlyAt(fd, BACKUP_MAGIC.length + MAX_HEADER, 0);
		if (fromUtf8(start.subarray(0, BACKUP_MAGIC.length)) !== BACKUP_MAGIC) {
			throw new BackupError('This file is not a SafeReport backup.');
		}
		const end = start.indexOf(10, BACKUP_MAGIC.length);
		if (end < 0) {
			throw new BackupError('This backup is damaged: its header is not complete.');
		}
		const header = parseHeader(fromUtf8(start.subarray(BACKUP_MAGIC.length, end)));
		return { fd, header, offset: end + 1 };
	} catch (e) {
		closeSync(fd);
		throw e;
	}
}

/**
 * Decrypts a backup: returns the server secret once the passphrase is proved right, and writes the
 * database through `writeDatabase` piece by piece. Throws BackupError on a wrong passphrase (before
 * anything is written) and on damage or a cut-off file (the caller discards what was written).
 */
export function readBackup(
	sumo: SodiumSumo,
	backup: { fd: number; header: BackupHeader; offset: number },
	passphrase: string
): { secret: Uint8Array; pieces: () => Generator<Uint8Array> } {
	const { header, fd } = backup;
	const key = deriveKitKey(
		sumo,
		passphrase,
		fromBase64url(header.kdf.salt),
		header.kdf.ops,
		header.kdf.mem
	);
	let state;
	try {
		state = sumo.crypto_secretstream_xchacha20poly1305_init_pull(fromBase64url(header.stream), key);
	} catch {
		throw new BackupError('This backup is damaged: its header is not one SafeReport writes.');
	} finally {
		sumo.memzero(key);
	}
	let position = backup.offset;
	const nextRecord = (ad: Uint8Array | null) => {
		const size = readExactlyAt(fd, 4, position);
		if (size.length < 4) {
			return null;
		}
		const length = new DataView(size.buffer, size.byteOffset).getUint32(0);
		if (length > PIECE + 64) {
			throw new BackupError('This backup is damaged.');
		}
		const sealed = readExactlyAt(fd, length, position + 4);
		position += 4 + length;
		if (sealed.length !== length) {
			return null;
		}
		try {
			return sumo.crypto_secretstream_xchacha20poly1305_pull(state, sealed, ad) || false;
		} catch {
			return false;
		}
	};
	const first = nextRecord(headerAd(header));
	if (!first || first.message.length !== 32) {
		throw new BackupError(
			'That backup passphrase does not open this backup (or the file is damaged). Nothing was written.'
		);
	}
	const FINAL = sumo.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
	function* pieces(): Generator<Uint8Array> {
		for (;;) {
			const record = nextRecord(null);
			if (record === null) {
				throw new BackupError('This backup is cut off: its end is missing. Nothing was restored.');
			}
			if (record === false) {
				throw new BackupError('This backup is damaged. Nothing was restored.');
			}
			yield record.message;
			if (record.tag === FINAL) {
				return;
			}
		}
	}
	return { secret: first.message, pieces };
}

/** Reads `n` bytes at `at`, or fewer at the end of the file. */
function readExactlyAt(fd: number, n: number, at: number): Uint8Array {
	const buf = new Uint8Array(n);
	let got = 0;
	while (got < n) {
		const r = readSync(fd, buf, got, n - got, at + got);
		if (r === 0) {
			break;
		}
		got += r;
	}
	return buf.subarray(0, got);
}
