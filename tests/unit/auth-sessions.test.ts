import { afterEach, describe, expect, it, vi } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { createSession, endAllSessions, validateSession } from '../../src/lib/server/auth/sessions';
import { freshDb } from './support/db';
import { insertStaffRow } from './support/staff';

afterEach(() => {
	vi.useRealTimers();
});

async function signedIn() {
	const { db } = await freshDb();
	const staffId = await insertStaffRow(db);
	const token = await createSession(db, staffId);
	return { db, staffId, token };
}

describe('staff sessions', () => {
	it('stores only a hash of the session id', async () => {
		const { db, token } = await signedIn();
		const rows = await db.selectFrom('sessions').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(toBase64url(new Uint8Array(rows[0].id_hash))).not.toBe(token);
		expect(Buffer.from(rows[0].id_hash).includes(Buffer.from(token))).toBe(false);
	});

	it('ends after 30 idle minutes, but activity keeps it alive', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-11-29T09:00:00Z'));
		const { db, token } = await signedIn();
		vi.setSystemTime(new Date('2026-11-29T09:29:00Z'));
		expect(await validateSession(db, token)).not.toBeNull();
		vi.setSystemTime(new Date('2026-11-29T09:58:00Z'));
		expect(await validateSession(db, token)).not.toBeNull();
		vi.setSystemTime(new Date('2026-11-29T10:28:30Z'));
		expect(await validateSession(db, token)).toBeNull();
		expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
	});

	it('ends after 8 hours however active', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-11-29T09:00:00Z'));
		const { db, token } = await signedIn();
		for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
			vi.setSystemTime(new Date(Date.parse('2026-11-29T09:00:00Z') + minutes * 60_000));
			expect(await validateSession(db, token), `at ${minutes} min`).not.toBeNull();
		}
		vi.setSystemTime(new Date('2026-11-29T17:00:00Z'));
		expect(await validateSession(db, token)).toBeNull();
	});

	it('refuses unknown, malformed and ended sessions, and disabled members', async () => {
		const { db, staffId, token } = await signedIn();
		expect(await validateSession(db, 'not-a-token')).toBeNull();
		expect(await validateSession(db, toBase64url(new Uint8Array(32)))).toBeNull();
		await db.updateTable('staff').set({ status: 'disabled' }).where('id', '=', staffId).execute();
		expect(await validateSession(db, token)).toBeNull();
		await db.updateTable('staff').set({ status: 'active' }).where('id', '=', staffId).execute();
		const again = await createSession(db, staffId);
		expect(await validateSession(db, again)).not.toBeNull();
		await endAllSessions(db, staffId);
		expect(await validateSession(db, again)).toBeNull();
	});

	it('a new session clears sessions and unused invites that have expired, and nothing live', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-11-29T09:00:00Z'));
		const { db, staffId, token: idle } = await signedIn();
		const invite = (hash: number, expiresAt: string, usedAt: string | null = null) =>
			db
				.insertInto('invites')
				.values({
					token_hash: new Uint8Array(32).fill(hash),
					role: 'reviewer',
					team: 'RASSO',
					created_by: staffId,
					created_at: '2026-11-26T09:00:00Z',
					expires_at: expiresAt,
					used_at: usedAt,
					used_by: usedAt ? staffId : null
				})
				.execute();
		await invite(1, '2026-11-29T08:00:00.000Z');
		await invite(2, '2026-11-29T08:00:00.000Z', '2026-11-27T10:00:00.000Z');
		await invite(3, '2026-12-01T09:00:00.000Z');
		vi.setSystemTime(new Date('2026-11-29T09:20:00Z'));
		const live = await createSession(db, staffId);
		vi.setSystemTime(new Date('2026-11-29T09:45:00Z'));
		await createSession(db, staffId);
		expect(await db.selectFrom('sessions').select('staff_id').execute()).toHaveLength(2);
		expect(await validateSession(db, live)).not.toBeNull();
		expect(await validateSession(db, idle)).toBeNull();
		const left = await db.selectFrom('invites').select('token_hash').execute();
		expect(left.map((r) => new Uint8Array(r.token_hash)[0]).sort()).toEqual([2, 3]);
	});
});
