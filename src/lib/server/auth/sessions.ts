import type { Cookies } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import { fromBase64url, toBase64url } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import { behindTls } from '../config';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { addMinutes, nowIso } from '../time';
import { deleteExpiredAccess } from './expiry';
import type { Kysely } from 'kysely';

export const IDLE_MINUTES = 30;
export const ABSOLUTE_MINUTES = 8 * 60;
/** `__Host-` pins the cookie to this origin and path when served over TLS. */
export const sessionCookieName = () => (behindTls() ? '__Host-sr_session' : 'sr_session');

/** Where a session's cookie is sent. Staff sessions go everywhere on the origin (path /); partner
 * sessions only under /partner, so the browser never attaches one to a report submission or a
 * status lookup (DESIGN §5.8). `__Host-` needs path /, so the partner cookie is `__Secure-`. */
export interface SessionScope {
	name: () => string;
	path: string;
}
export const STAFF_SESSION: SessionScope = { name: sessionCookieName, path: '/' };
export const PARTNER_SESSION: SessionScope = {
	name: () => (behindTls() ? '__Secure-sr_partner' : 'sr_partner'),
	path: '/partner'
};

const hashToken = async (token: Uint8Array) =>
	(await getSodium()).crypto_generichash(32, token, null);

/** Starts a session; only the hash of its random id is stored, so a database copy cannot log in.
 * Every sign-in also clears expired sessions and invites, so they do not pile up. */
export async function createSession(db: Kysely<Database>, staffId: string): Promise<string> {
	const token = new Uint8Array(randomBytes(32));
	const now = nowIso();
	await deleteExpiredAccess(db, now, IDLE_MINUTES);
	await db
		.insertInto('sessions')
		.values({
			id_hash: await hashToken(token),
			staff_id: staffId,
			created_at: now,
			last_seen_at: now,
			expires_at: addMinutes(now, ABSOLUTE_MINUTES)
		})
		.execute();
	return toBase64url(token);
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	scope: SessionScope = STAFF_SESSION
): void {
	cookies.set(scope.name(), token, {
		path: scope.path,
		httpOnly: true,
		sameSite: 'strict',
		secure: behindTls(),
		maxAge: ABSOLUTE_MINUTES * 60
	});
}

export function clearSessionCookie(cookies: Cookies, scope: SessionScope = STAFF_SESSION): void {
	cookies.delete(scope.name(), { path: scope.path, secure: behindTls() });
}

/** The live session's staff member, or null when unknown, expired, idle too long or disabled. */
export async function validateSession(
	db: Db,
	token: string
): Promise<{ staff: Staff; idHash: Uint8Array } | null> {
	let raw: Uint8Array;
	try {
		raw = fromBase64url(token);
	} catch {
		return null;
	}
	if (raw.length !== 32) {
		return null;
	}
	const idHash = await hashToken(raw);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('staff', 'staff.id', 'sessions.staff_id')
		.selectAll('staff')
		.select(['sessions.last_seen_at', 'sessions.expires_at'])
		.where('sessions.id_hash', '=', idHash)
		.executeTakeFirst();
	if (!row) {
		return null;
	}
	const now = nowIso();
	const { last_seen_at, expires_at, ...staff } = row;
	if (
		expires_at <= now ||
		addMinutes(last_seen_at, IDLE_MINUTES) <= now ||
		staff.status !== 'active'
	) {
		await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
		return null;
	}
	// Touch at most once a minute: the idle clock needs no finer grain, and it spares writes.
	if (addMinutes(last_seen_at, 1) <= now) {
		await db
			.updateTable('sessions')
			.set({ last_seen_at: now })
			.where('id_hash', '=', idHash)
			.execute();
	}
	return { staff, idHash };
}

export async function endSession(db: Kysely<Database>, idHash: Uint8Array): Promise<void> {
	await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function endAllSessions(db: Kysely<Database>, staffId: string): Promise<void> {
	await db.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
}

/** Ends the sessions of every worker of a partner organisation (the organisation is disabled). */
export async function endOrgSessions(db: Kysely<Database>, orgId: string): Promise<void> {
	await db
		.deleteFrom('sessions')
		.where('staff_id', 'in', db.selectFrom('staff').select('id').where('org_id', '=', orgId))
		.execute();
}
