import { randomBytes, timingSafeEqual } from 'node:crypto';
import { authHashOf } from '../../crypto/staff-keys';
import { getSodium } from '../../crypto/sodium';
import { withAudit } from '../audit/chain';
import { createSession } from '../auth/sessions';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { nowIso } from '../time';
import { backoffKey, clearBackoff, countFailure, lockedUntil, minutesLeft } from './backoff';
import { findStaffByUsername } from './repository';
import { inAudience, type Audience } from './audience';
import { consumeTotpStep, matchTotpStep, openTotpSecret, sealTotpSecret } from './totp';

export type LoginFailure =
	'unknown_user' | 'passphrase' | 'totp' | 'totp_reused' | 'locked' | 'disabled';

export type LoginOutcome =
	| { ok: true; staff: Staff; sessionToken: string }
	| { ok: false; reason: LoginFailure; minutes?: number };

/** Compares auth_key with the stored hash in constant time. */
export async function authKeyMatches(
	authKey: Uint8Array,
	storedHash: Uint8Array
): Promise<boolean> {
	const given = Buffer.from(authHashOf(await getSodium(), authKey));
	const stored = Buffer.from(storedHash);
	return given.length === stored.length && timingSafeEqual(given, stored);
}

/** A failure: counted against the name (known or not), possibly locking it, audited together.
 * While the name was already locked, every failure answers with the lock alone, so it cannot tell
 * a guess of the right passphrase from a wrong one; the audit line keeps the real reason. */
async function recordFailure(
	db: Db,
	attempt: { nameKey: Uint8Array; staff: Staff | undefined; wasLocked: boolean },
	reason: LoginFailure,
	now: Date
): Promise<LoginOutcome> {
	return withAudit(db, async (trx) => {
		const state = await countFailure(trx, attempt.nameKey, now);
		const locked = state.lockedUntil !== null && state.lockedUntil > nowIso(now);
		const minutes = locked ? minutesLeft(state.lockedUntil!, now) : undefined;
		return {
			result: attempt.wasLocked
				? { ok: false as const, reason: 'locked' as const, minutes }
				: { ok: false as const, reason, minutes },
			audit: {
				actorId: null,
				action: 'staff.login_failed',
				subject: attempt.staff?.id ?? null,
				detail: { reason, failures: state.failures, ...(attempt.wasLocked ? { locked: true } : {}) }
			}
		};
	});
}

/** Audits a refusal that changes nothing else (a disabled account). */
const auditRefusal = (db: Db, reason: LoginFailure, subject: string | null) =>
	withAudit(db, async () => ({
		result: undefined,
		audit: { actorId: null, action: 'staff.login_failed', subject, detail: { reason } }
	}));

/** Stand-ins for a real account's secrets when the name is unknown, so the work is the same. */
const DECOY_AUTH_HASH = new Uint8Array(32);
const DECOY_ID = '00000000-0000-4000-8000-000000000000';
let decoy: Promise<Pick<Staff, 'id' | 'totp_secret' | 'totp_nonce'>> | undefined;
const decoyAccount = () =>
	(decoy ??= sealTotpSecret(DECOY_ID, new Uint8Array(randomBytes(20))).then((sealed) => ({
		id: DECOY_ID,
		...sealed
	})));

/** The step a code belongs to for this account, or null. An unknown name opens and checks a
 * decoy secret the same way, and never matches. */
async function codeStep(staff: Staff | undefined, code: string, now: Date) {
	const secret = await openTotpSecret(staff ?? (await decoyAccount()));
	const step = matchTotpStep(secret, code, now.getTime());
	return staff ? step : null;
}

/**
 * One login attempt. Every attempt, for any name, checks the passphrase (as auth_key) and the
 * code, so neither the answer nor its timing says which one failed when the name is locked.
 * Only a fully right attempt uses up its code: a wrong passphrase never burns one.
 *
 * The backoff locks the guessing path only. A locked name refuses everything short of the right
 * passphrase with a fresh valid code, which still signs in: otherwise anyone who knows a username
 * could keep its owner out with one request an hour. Success resets the backoff, marks the code's
 * step used and opens the session in one transaction.
 */
export async function attemptLogin(
	db: Db,
	input: { username: string; authKey: Uint8Array; code: string },
	now: Date = new Date(),
	audience: Audience = 'staff'
): Promise<LoginOutcome> {
	const nameKey = await backoffKey(input.username);
	// An account of the other audience is as unknown here as a name that does not exist.
	const found = await findStaffByUsername(db, input.username);
	const staff = found && inAudience(found, audience) ? found : undefined;
	const wasLocked = (await lockedUntil(db, nameKey, now)) !== null;
	const attempt = { nameKey, staff, wasLocked };
	const storedHash = staff ? new Uint8Array(staff.auth_hash) : DECOY_AUTH_HASH;
	const passphraseRight = (await authKeyMatches(input.authKey, storedHash)) && staff !== undefined;
	const step = await codeStep(staff, input.code, now);

	if (wasLocked && !(passphraseRight && step !== null)) {
		const reason = !staff ? 'unknown_user' : passphraseRight ? 'totp' : 'passphrase';
		return recordFailure(db, attempt, reason, now);
	}
	if (!staff) {
		return recordFailure(db, attempt, 'unknown_user', now);
	}
	if (!passphraseRight) {
		return recordFailure(db, attempt, 'passphrase', now);
	}
	if (staff.status !== 'active') {
		await auditRefusal(db, 'disabled', staff.id);
		return { ok: false, reason: 'disabled' };
	}
	if (step === null) {
		return recordFailure(db, attempt, 'totp', now);
	}

	const token = await withAudit(db, async (trx) => {
		if (!(await consumeTotpStep(trx, staff.id, step))) {
			return { result: null, audit: [] };
		}
		await clearBackoff(trx, nameKey);
		return {
			result: await createSession(trx, staff.id),
			audit: { actorId: staff.id, action: 'staff.login', subject: staff.id }
		};
	});
	if (token === null) {
		return recordFailure(db, attempt, 'totp_reused', now);
	}
	return { ok: true, staff, sessionToken: token };
}
