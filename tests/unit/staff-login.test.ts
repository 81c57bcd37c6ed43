import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { getSodium } from '../../src/lib/crypto/sodium';
import { authHashOf } from '../../src/lib/crypto/staff-keys';
import type { Db } from '../../src/lib/server/db';
import { lockMinutes } from '../../src/lib/server/staff/backoff';
import { attemptLogin } from '../../src/lib/server/staff/login';
import {
	consumeTotpStep,
	matchTotpStep,
	sealTotpSecret,
	totpStepAt
} from '../../src/lib/server/staff/totp';
import { freshDb } from './support/db';

process.env.SERVER_SECRET = toBase64url(new Uint8Array(randomBytes(32)));

const T0 = Date.parse('2026-11-29T12:00:10Z');
const STEP0 = totpStepAt(T0);
const codeAt = (secret: Uint8Array, step: number) =>
	new TOTP({ secret: new Secret({ buffer: secret.slice().buffer }) }).generate({
		timestamp: step * 30_000
	});

async function memberDb() {
	const { db } = await freshDb();
	const sodium = await getSodium();
	const authKey = sodium.randombytes_buf(32);
	const secret = new Uint8Array(randomBytes(20));
	const id = 'a8a2c1e6-0000-4000-8000-000000000001';
	const blob = (n: number) => new Uint8Array(n);
	await db
		.insertInto('staff')
		.values({
			id,
			username: 'rowan',
			role: 'reviewer',
			team: 'CSE',
			status: 'active',
			kdf_salt: blob(16),
			kdf_ops: 2,
			kdf_mem: 67108864,
			auth_hash: authHashOf(sodium, authKey),
			box_pk: blob(32),
			sign_pk: blob(32),
			secret_box: blob(120),
			secret_nonce: blob(24),
			...(await sealTotpSecret(id, secret)),
			created_at: new Date(T0).toISOString(),
			disabled_at: null
		})
		.execute();
	return { db: db as Db, id, authKey, secret };
}

describe('TOTP steps', () => {
	const secret = new Uint8Array(randomBytes(20));
	it('accepts the current step and one either side, nothing further', () => {
		expect(matchTotpStep(secret, codeAt(secret, STEP0), T0)).toBe(STEP0);
		expect(matchTotpStep(secret, codeAt(secret, STEP0 - 1), T0)).toBe(STEP0 - 1);
		expect(matchTotpStep(secret, codeAt(secret, STEP0 + 1), T0)).toBe(STEP0 + 1);
		expect(matchTotpStep(secret, codeAt(secret, STEP0 + 2), T0)).toBeNull();
		expect(matchTotpStep(secret, codeAt(secret, STEP0 - 2), T0)).toBeNull();
		expect(matchTotpStep(secret, 'abcdef', T0)).toBeNull();
	});

	it('marks a step used once: the same or an earlier step is refused', async () => {
		const { db, id } = await memberDb();
		expect(await consumeTotpStep(db, id, STEP0)).toBe(true);
		expect(await consumeTotpStep(db, id, STEP0)).toBe(false);
		expect(await consumeTotpStep(db, id, STEP0 - 1)).toBe(false);
		expect(await consumeTotpStep(db, id, STEP0 + 1)).toBe(true);
	});
});

describe('attemptLogin', () => {
	let m: Awaited<ReturnType<typeof memberDb>>;
	beforeAll(async () => {
		m = await memberDb();
	});
	const sessions = async () =>
		(await m.db.selectFrom('sessions').select('id_hash').execute()).length;

	it('accepts a code once; the same code again is refused and opens no session', async () => {
		const now = new Date(T0);
		const code = codeAt(m.secret, STEP0);
		const first = await attemptLogin(m.db, { username: 'rowan', authKey: m.authKey, code }, now);
		expect(first.ok).toBe(true);
		expect(await sessions()).toBe(1);
		const again = await attemptLogin(m.db, { username: 'rowan', authKey: m.authKey, code }, now);
		expect(again).toEqual({ ok: false, reason: 'totp_reused' });
		// The previous step is inside the window but older than the one used: refused too.
		const older = codeAt(m.secret, STEP0 - 1);
		const back = await attemptLogin(
			m.db,
			{ username: 'rowan', authKey: m.authKey, code: older },
			now
		);
		expect(back).toEqual({ ok: false, reason: 'totp_reused' });
		expect(await sessions()).toBe(1);
	});

	it('backs off after repeated failures and says for how long', async () => {
		const now = new Date(T0 + 60_000);
		const wrongKey = new Uint8Array(32);
		const outcomes = [];
		for (let i = 0; i < 6; i++) {
			outcomes.push(
				await attemptLogin(m.db, { username: 'rowan', authKey: wrongKey, code: '000000' }, now)
			);
		}
		// Two failures are already counted from the reused codes above.
		expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual([
			'passphrase',
			'passphrase',
			'passphrase',
			'locked',
			'locked',
			'locked'
		]);
		expect(outcomes[2]).toMatchObject({ minutes: 1 });
		// Even the right passphrase and code are refused while locked.
		const code = codeAt(m.secret, STEP0 + 2);
		const locked = await attemptLogin(m.db, { username: 'rowan', authKey: m.authKey, code }, now);
		expect(locked).toMatchObject({ ok: false, reason: 'locked', minutes: 1 });
		expect(lockMinutes(5)).toBe(1);
		expect(lockMinutes(6)).toBe(2);
		expect(lockMinutes(9)).toBe(16);
		expect(lockMinutes(40)).toBe(60);
	});

	it('treats an unknown username like a wrong passphrase', async () => {
		const outcome = await attemptLogin(m.db, {
			username: 'nobody',
			authKey: m.authKey,
			code: codeAt(m.secret, STEP0 + 3)
		});
		expect(outcome).toEqual({ ok: false, reason: 'unknown_user' });
	});
});
