import type { Kysely } from 'kysely';
import { utf8 } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import type { Database } from '../db/schema';
import { addMinutes, nowIso } from '../time';
import { serverSubkey } from './server-keys';

/**
 * Login backoff per username: a few free mistakes, then a lock that doubles with each further
 * failure. It is kept per name as typed, known or not, so an unknown name locks exactly like a
 * real one and the lock says nothing about which names exist. The lock slows guessing only: the
 * right passphrase with a fresh code still signs in (see attemptLogin).
 */
export const FREE_FAILURES = 4;
export const MAX_LOCK_MINUTES = 60;
/** A name with no failure for this long starts again from zero, and its row is deleted. */
export const FORGET_AFTER_HOURS = 24;

type Executor = Kysely<Database>;

/** Minutes to lock a name after its n-th consecutive failure (0 = not locked). */
export const lockMinutes = (failures: number): number =>
	failures <= FREE_FAILURES ? 0 : Math.min(2 ** (failures - FREE_FAILURES - 1), MAX_LOCK_MINUTES);

export const minutesLeft = (lockedUntil: string, now: Date): number =>
	Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60_000));

export const lockedMessage = (minutes: number): string =>
	`Too many attempts. For the next ${minutes} minute${minutes === 1 ? '' : 's'}, only the right ` +
	'passphrase with a new code from your app will sign in.';

/** The key of a name's backoff row: a keyed hash, so the table holds no username, real or not,
 * and a copied database alone cannot test guesses against it. */
export async function backoffKey(username: string, serverSecret?: Uint8Array): Promise<Uint8Array> {
	const sodium = await getSodium();
	const key = await serverSubkey('loginBackoff', serverSecret);
	try {
		return sodium.crypto_generichash(32, utf8('loginbackoff1|' + username), key);
	} finally {
		sodium.memzero(key);
	}
}

/** When the name's lock ends, or null when it is not locked at `now`. */
export async function lockedUntil(db: Executor, nameKey: Uint8Array, now: Date) {
	const row = await db
		.selectFrom('login_backoff')
		.select('locked_until')
		.where('name_hash', '=', nameKey)
		.executeTakeFirst();
	return row?.locked_until && row.locked_until > nowIso(now) ? row.locked_until : null;
}

/**
 * Counts one failure for a name and extends its lock as the count requires (a lock never
 * shortens). Names quiet for a day are forgotten here, so the table stays small without a job.
 */
export async function countFailure(db: Executor, nameKey: Uint8Array, now: Date) {
	const at = nowIso(now);
	const forgetBefore = addMinutes(at, -FORGET_AFTER_HOURS * 60);
	await db.deleteFrom('login_backoff').where('last_failure_at', '<', forgetBefore).execute();
	const row = await db
		.insertInto('login_backoff')
		.values({ name_hash: nameKey, failures: 1, locked_until: null, last_failure_at: at })
		.onConflict((oc) =>
			oc.column('name_hash').doUpdateSet((eb) => ({
				failures: eb('login_backoff.failures', '+', 1),
				last_failure_at: at
			}))
		)
		.returning(['failures', 'locked_until'])
		.executeTakeFirstOrThrow();
	const minutes = lockMinutes(row.failures);
	const extended = minutes > 0 ? addMinutes(at, minutes) : null;
	if (extended && !(row.locked_until && row.locked_until >= extended)) {
		await db
			.updateTable('login_backoff')
			.set({ locked_until: extended })
			.where('name_hash', '=', nameKey)
			.execute();
		return { failures: row.failures, lockedUntil: extended };
	}
	return { failures: row.failures, lockedUntil: row.locked_until };
}

/** A success forgets the name's failures. */
export const clearBackoff = (db: Executor, nameKey: Uint8Array) =>
	db.deleteFrom('login_backoff').where('name_hash', '=', nameKey).execute();
