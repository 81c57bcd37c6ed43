import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { authHashOf } from '../../crypto/staff-keys';
import { getSodium } from '../../crypto/sodium';
import { withAudit } from '../audit/chain';
import { createSession } from '../auth/sessions';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { addMinutes, nowIso } from '../time';
import { lockMinutes, minutesLeft } from './backoff';
import { findStaffByUsername } from './repository';
import { consumeTotpStep, matchTotpStep, openTotpSecret } from './totp';

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

/** A failed attempt against a real account: counted, possibly locking it, and audited together. */
async function recordFailure(db: Db, staff: Staff, reason: LoginFailure, now: Date) {
	return withAudit(db, async (trx) => {
		const row = await trx
			.updateTable('staff')
			.set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
			.where('id', '=', staff.id)
			.returning('failed_logins')
			.executeTakeFirstOrThrow();
		const minutes = lockMinutes(row.failed_logins);
		if (minutes > 0) {
			await trx
				.updateTable('staff')
				.set({ locked_until: addMinutes(nowIso(now), minutes) })
				.where('id', '=', staff.id)
				.execute();
		}
		return {
			result: { ok: false as const, reason, minutes: minutes > 0 ? minutes : undefined },
			audit: {
				actorId: null,
				action: 'staff.login_failed',
				subject: staff.id,
				detail: { reason, failures: row.failed_logins }
			}
		};
	});
}

/** Audits a refusal that changes nothing else (unknown name, locked or disabled account). */
const auditRefusal = (db: Db, reason: LoginFailure, subject: string | null) =>
	withAudit(db, async () => ({
		result: undefined,
		audit: { actorId: null, action: 'staff.login_failed', subject, detail: { reason } }
	}));

/**
 * One login attempt: passphrase (as auth_key) first, then the TOTP code. A code is only looked at
 * once the passphrase is right, so a wrong passphrase never burns a code. Success resets the
 * backoff, marks the code's step used and opens the session in one transaction.
 */
export async function attemptLogin(
	db: Db,
	input: { username: string; authKey: Uint8Array; code: string },
	now: Date = new Date()
): Promise<LoginOutcome> {
	const staff = await findStaffByUsername(db, input.username);
	if (!staff) {
		// Spend the same hashing work as for a real account before answering.
		await authKeyMatches(input.authKey, new Uint8Array(32));
		await auditRefusal(db, 'unknown_user', null);
		return { ok: false, reason: 'unknown_user' };
	}
	if (staff.locked_until && staff.locked_until > nowIso(now)) {
		await auditRefusal(db, 'locked', staff.id);
		return { ok: false, reason: 'locked', minutes: minutesLeft(staff.locked_until, now) };
	}
	if (!(await authKeyMatches(input.authKey, new Uint8Array(staff.auth_hash)))) {
		return recordFailure(db, staff, 'passphrase', now);
	}
	if (staff.status !== 'active') {
		await auditRefusal(db, 'disabled', staff.id);
		return { ok: false, reason: 'disabled' };
	}
	const step = matchTotpStep(await openTotpSecret(staff), input.code, now.getTime());
	if (step === null) {
		return recordFailure(db, staff, 'totp', now);
	}

	const token = await withAudit(db, async (trx) => {
		if (!(await consumeTotpStep(trx, staff.id, step))) {
			return { result: null, audit: [] };
		}
		await resetFailures(trx, staff.id);
		return {
			result: await createSession(trx, staff.id),
			audit: { actorId: staff.id, action: 'staff.login', subject: staff.id }
		};
	});
	if (token === null) {
		return recordFailure(db, staff, 'totp_reused', now);
	}
	return { ok: true, staff, sessionToken: token };
}

const resetFailures = (db: Kysely<Database>, staffId: string) =>
	db
		.updateTable('staff')
		.set({ failed_logins: 0, locked_until: null })
		.where('id', '=', staffId)
		.execute();
