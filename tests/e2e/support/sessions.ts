import { randomBytes, randomUUID } from 'node:crypto';
import { getSodium } from '../../../src/lib/crypto/sodium';
import type { StaffRole } from '../../../src/lib/server/db/schema';
import { PARTNER_ROLE, type MemberRole } from '../../../src/lib/report/vocabulary';
import { withDb } from './staff';

/**
 * A member of a role, written straight into a portal's database, and live sessions for them:
 * tests about who may reach what need a signed-in member of each role, not a sign-in. The keys
 * are random, so this member can never unlock anything.
 */
export function addMember(dbPath: string, role: StaffRole): string {
	return insertMember(dbPath, role, null);
}

/** A partner worker, in a new active organisation of their own (registered by the first admin,
 * or by the worker where there is none): a partner account is always tied to one. */
export function addPartnerWorker(dbPath: string): string {
	const orgId = randomUUID();
	withDb(dbPath, (db) => {
		const admin = db.prepare("select id from staff where role = 'admin'").get() as
			{ id: string } | undefined;
		db.prepare(
			`insert into partner_orgs (id, name, contact, status, created_by, created_at)
			 values (?, ?, 'contact', 'active', ?, ?)`
		).run(orgId, `Org ${orgId.slice(0, 6)}`, admin?.id ?? orgId, new Date().toISOString());
	});
	return insertMember(dbPath, PARTNER_ROLE, orgId);
}

function insertMember(dbPath: string, role: MemberRole, orgId: string | null): string {
	const id = randomUUID();
	withDb(dbPath, (db) =>
		db
			.prepare(
				`insert into staff (id, username, role, team, status, kdf_salt, kdf_ops, kdf_mem, auth_hash,
				 box_pk, sign_pk, secret_box, secret_nonce, totp_secret, totp_nonce, created_at, org_id)
				 values (?, ?, ?, 'RASSO', 'active', ?, 2, 67108864, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				id,
				`${role}-${id.slice(0, 6)}`,
				role,
				randomBytes(16),
				randomBytes(32),
				randomBytes(32),
				randomBytes(32),
				randomBytes(32),
				randomBytes(24),
				randomBytes(32),
				randomBytes(24),
				new Date().toISOString(),
				orgId
			)
	);
	return id;
}

/** A new session for a member, as the `cookie` header a browser would send with it: the staff
 * cookie by default, or the partner one (`sr_partner`, which a browser sends on /partner only). */
export async function sessionCookie(
	dbPath: string,
	staffId: string,
	name: 'sr_session' | 'sr_partner' = 'sr_session'
): Promise<string> {
	const sodium = await getSodium();
	const token = new Uint8Array(randomBytes(32));
	const now = Date.now();
	const iso = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
	withDb(dbPath, (db) =>
		db
			.prepare(
				'insert into sessions (id_hash, staff_id, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?)'
			)
			.run(
				Buffer.from(sodium.crypto_generichash(32, token, null)),
				staffId,
				iso(0),
				iso(0),
				iso(60)
			)
	);
	return `${name}=${Buffer.from(token).toString('base64url')}`;
}
