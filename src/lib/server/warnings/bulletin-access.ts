import type { Cookies } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import { fromBase64url, toBase64url } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import { getSodiumSumo } from '../../crypto/sodium-sumo';
import { withAudit } from '../audit/chain';
import { behindTls } from '../config';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { getSetting, putSetting } from '../settings/store';
import { addMinutes, nowIso } from '../time';

/**
 * Who may read the bulletin (DESIGN §5.9). The passphrase is stored only as an argon2id hash. A
 * reader who gives it gets a random reading token, stored only as a hash: it lives in the page
 * for half an hour, or — only if the reader asks — in a 30-day cookie scoped to /warnings, the one
 * cookie any public page sets. Setting a new passphrase deletes every token: every reader is out.
 */

const HASH_SETTING = 'bulletin_passphrase_hash';
export const READER_COOKIE = 'sr_bulletin';
export const COOKIE_PATH = '/warnings';
export const PAGE_MINUTES = 30;
export const DEVICE_DAYS = 30;
export const BULLETIN_PASSPHRASE_MIN = 12;
export const BULLETIN_PASSPHRASE_MAX = 200;

const hashToken = async (token: Uint8Array) =>
	(await getSodium()).crypto_generichash(32, token, null);

export async function bulletinPassphraseIsSet(db: Db): Promise<boolean> {
	return (await getSetting(db, HASH_SETTING)) !== undefined;
}

/** Sets or rotates the passphrase and signs every reader out, in one audited transaction. */
export async function setBulletinPassphrase(db: Db, staff: Staff, passphrase: string) {
	const sumo = await getSodiumSumo();
	const hash = sumo.crypto_pwhash_str(
		passphrase,
		sumo.crypto_pwhash_OPSLIMIT_INTERACTIVE,
		sumo.crypto_pwhash_MEMLIMIT_INTERACTIVE
	);
	return withAudit(db, async (trx) => {
		const rotated = (await getSetting(trx, HASH_SETTING)) !== undefined;
		await putSetting(trx, HASH_SETTING, hash);
		const ended = await trx.deleteFrom('bulletin_sessions').executeTakeFirst();
		return {
			result: { rotated },
			audit: {
				actorId: staff.id,
				action: rotated ? 'bulletin.passphrase_rotated' : 'bulletin.passphrase_set',
				detail: { readers_signed_out: Number(ended.numDeletedRows) }
			}
		};
	});
}

/** True only for the current passphrase. Nothing about the attempt is recorded. */
export async function checkBulletinPassphrase(db: Db, passphrase: string): Promise<boolean> {
	const hash = await getSetting(db, HASH_SETTING);
	if (hash === undefined || passphrase.length > BULLETIN_PASSPHRASE_MAX) {
		return false;
	}
	const sumo = await getSodiumSumo();
	try {
		return sumo.crypto_pwhash_str_verify(hash, passphrase);
	} catch {
		return false;
	}
}

/** A new reading token; only its hash is stored. */
export async function startReading(db: Db, forDevice: boolean): Promise<string> {
	const token = new Uint8Array(randomBytes(32));
	const now = nowIso();
	await db.deleteFrom('bulletin_sessions').where('expires_at', '<=', now).execute();
	await db
		.insertInto('bulletin_sessions')
		.values({
			id_hash: await hashToken(token),
			expires_at: addMinutes(now, forDevice ? DEVICE_DAYS * 24 * 60 : PAGE_MINUTES)
		})
		.execute();
	return toBase64url(token);
}

const decode = (token: string): Uint8Array | null => {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
		return null;
	}
	try {
		return fromBase64url(token);
	} catch {
		return null;
	}
};

export async function isReading(db: Db, token: string | undefined | null): Promise<boolean> {
	const raw = token ? decode(token) : null;
	if (!raw) {
		return false;
	}
	const row = await db
		.selectFrom('bulletin_sessions')
		.select('expires_at')
		.where('id_hash', '=', await hashToken(raw))
		.executeTakeFirst();
	return row !== undefined && row.expires_at > nowIso();
}

export async function endReading(db: Db, token: string | undefined | null): Promise<void> {
	const raw = token ? decode(token) : null;
	if (!raw) {
		return;
	}
	await db
		.deleteFrom('bulletin_sessions')
		.where('id_hash', '=', await hashToken(raw))
		.execute();
}

export function setReaderCookie(cookies: Cookies, token: string): void {
	cookies.set(READER_COOKIE, token, {
		path: COOKIE_PATH,
		httpOnly: true,
		sameSite: 'strict',
		secure: behindTls(),
		maxAge: DEVICE_DAYS * 24 * 60 * 60
	});
}

export function clearReaderCookie(cookies: Cookies): void {
	cookies.delete(READER_COOKIE, { path: COOKIE_PATH, secure: behindTls() });
}
