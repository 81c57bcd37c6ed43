import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_DATABASE } from './db/connect';
import { isPostgresUrl } from './db/engine';
import { fromBase64url, toBase64url } from '../crypto/encoding';
import { randomBytes } from 'node:crypto';

/** Runtime settings come from the environment (read here only), so one build serves any deployment. */
export const databaseUrl = (): string => process.env.DATABASE_URL || DEFAULT_DATABASE;

/** Where server-side secrets live beside a SQLite database (or ./data for PostgreSQL). */
export function dataDir(): string {
	const url = databaseUrl();
	if (isPostgresUrl(url) || url === ':memory:') {
		return './data';
	}
	return dirname(url.replace(/^(sqlite|file):(\/\/)?/, ''));
}

/** Where the server secret is kept when SERVER_SECRET is not set (backups restore it there). */
export const serverSecretFile = (): string => join(dataDir(), 'server-secret');

let serverSecret: Uint8Array | undefined;

/**
 * A 32-byte secret that never enters the database: it seals TOTP secrets and keys the fake salts
 * for unknown usernames, so a copied database alone is not enough to log in or enumerate staff.
 * SERVER_SECRET (base64url) wins; otherwise it is created once, mode 0600, beside the database.
 */
export function getServerSecret(): Uint8Array {
	if (serverSecret) {
		return serverSecret;
	}
	if (process.env.SERVER_SECRET) {
		serverSecret = fromBase64url(process.env.SERVER_SECRET);
	} else if (isPostgresUrl(databaseUrl())) {
		// Several instances share one PostgreSQL database, and each must hold the same secret (a
		// staff member's TOTP secret sealed by one must open on the other), so no file is made.
		throw new Error('With PostgreSQL, set SERVER_SECRET (the same on every instance)');
	} else {
		const file = serverSecretFile();
		if (!existsSync(file)) {
			mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
			writeFileSync(file, toBase64url(new Uint8Array(randomBytes(32))) + '\n', {
				mode: 0o600,
				flag: 'wx'
			});
		}
		serverSecret = fromBase64url(readFileSync(file, 'utf8').trim());
	}
	if (serverSecret.length !== 32) {
		throw new Error('SERVER_SECRET must be 32 bytes, base64url');
	}
	return serverSecret;
}

/** The portal's public origin (ORIGIN, as adapter-node reads it), else the address it listens
 * on: where the setup code and alerts tell staff to go. No trailing slash. */
export const publicOrigin = (): string =>
	(
		process.env.ORIGIN || `http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || '3000'}`
	).replace(/\/+$/, '');

/** True when the public origin is HTTPS (cookies get Secure, HSTS is sent). */
export const behindTls = (): boolean => (process.env.ORIGIN ?? '').startsWith('https://');
