import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { getSodium } from '../../src/lib/crypto/sodium';
import { authHashOf } from '../../src/lib/crypto/staff-keys';
import type { Db } from '../../src/lib/server/db';
import {
	backoffKey,
	FORGET_AFTER_HOURS,
	FREE_FAILURES,
	lockedMessage,
	lockMinutes
} from '../../src/lib/server/staff/backoff';
import { attemptLogin } from '../../src/lib/server/staff/login';
import { loginRefusal } from '../../src/lib/server/staff/login-refusal';
import {
	consumeTotpStep,
	matchTotpStep,
	sealTotpSecret,
	totpStepAt
} from '../../src/lib/server/staff/totp';
import { freshDb, onPostgres } from './support/db';

/** Every temp folder this file makes, removed when it is done. */
const folders: string[] = [];
afterAll(() => {
	for (const folder of folders) {
		rmSync(folder, { recursive: true, force: true });
	}
});
const freshDbWithPath = async () => {
	const { db, path } = await freshDb();
	folders.push(dirname(path));
	return { db: db as Db, path };
};

process.env.SERVER_SECRET = toBase64url(new Uint8Array(randomBytes(32)));

const T0 = Date.parse('2026-11-29T12:00:10Z');
const STEP0 = totpStepAt(T0);
const codeAt = (secret: Uint8Array, step: number) =>
	new TOTP({ secret: new Secret({ buffer: secret.slice().buffer }) }).generate({
		timestamp: step * 30_000
	});

async function memberDb() {
	const { db } = await freshDbWithPath();
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

describe('the login lock slows guessing without keeping the owner out', () => {
	const wrongKey = new Uint8Array(32);
	const at = (ms: number) => new Date(T0 + ms);
	/** Fails `n` times with a wrong passphrase, each at `now`, and returns the outcomes. */
	async function fail(db: Db, username: string, n: number, now: Date) {
		const outcomes = [];
		for (let i = 0; i < n; i++) {
			outcomes.push(await attemptLogin(db, { username, authKey: wrongKey, code: '000000' }, now));
		}
		return outcomes;
	}
	const answer = (o: Awaited<ReturnType<typeof attemptLogin>>) => {
		if (o.ok) {
			return { status: 303, message: 'signed in' };
		}
		const refusal = loginRefusal(o);
		return { status: refusal.status, message: refusal.message };
	};

	it('lets the right passphrase with a fresh code in while the name is locked', async () => {
		const m = await memberDb();
		const outcomes = await fail(m.db, 'rowan', FREE_FAILURES + 2, at(0));
		expect(outcomes.at(-1)).toMatchObject({ ok: false, reason: 'locked', minutes: 2 });
		const code = codeAt(m.secret, STEP0);
		const owner = await attemptLogin(m.db, { username: 'rowan', authKey: m.authKey, code }, at(0));
		expect(owner.ok).toBe(true);
		// A success forgets the failures: the next mistake is a plain one, with no lock.
		const [next] = await fail(m.db, 'rowan', 1, at(0));
		expect(next).toEqual({ ok: false, reason: 'passphrase', minutes: undefined });
	});

	it('answers a locked name with the lock alone, whether the passphrase was right or not', async () => {
		// Two members in the same state, so the only difference is the passphrase of the probe.
		const m = await memberDb();
		const twin = await memberDb();
		await fail(m.db, 'rowan', FREE_FAILURES + 1, at(0));
		await fail(twin.db, 'rowan', FREE_FAILURES + 1, at(0));
		const [wrongPassphrase] = await fail(twin.db, 'rowan', 1, at(1000));
		const rightPassphraseWrongCode = await attemptLogin(
			m.db,
			{ username: 'rowan', authKey: m.authKey, code: codeAt(m.secret, STEP0 + 5) },
			at(1000)
		);
		expect(wrongPassphrase).toMatchObject({ ok: false, reason: 'locked' });
		expect(answer(wrongPassphrase)).toEqual({
			status: 429,
			message: lockedMessage((wrongPassphrase as { minutes: number }).minutes)
		});
		expect(answer(rightPassphraseWrongCode)).toEqual(answer(wrongPassphrase));
		// The audit line, which only admins read, keeps what really happened.
		const audit = await m.db
			.selectFrom('audit_events')
			.select('detail_json')
			.orderBy('seq', 'desc')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.detail_json)).toMatchObject({ reason: 'totp', locked: true });
	});

	it('locks an unknown name after the same failures, with the same words byte for byte', async () => {
		const m = await memberDb();
		const known = await fail(m.db, 'rowan', FREE_FAILURES + 3, at(0));
		const unknown = await fail(m.db, 'nobody-here', FREE_FAILURES + 3, at(0));
		expect(unknown.map((o) => (o.ok ? 'ok' : o.reason))).toEqual([
			...Array(FREE_FAILURES + 1).fill('unknown_user'),
			'locked',
			'locked'
		]);
		expect(unknown.map(answer)).toEqual(known.map(answer));
		expect(answer(unknown[FREE_FAILURES]).message).toBe(
			'The username or passphrase is not right. ' + lockedMessage(1)
		);
	});

	it('still slows guessing: a wrong code with the right passphrase counts as a failure', async () => {
		const m = await memberDb();
		const outcomes = [];
		for (let i = 0; i < FREE_FAILURES + 1; i++) {
			outcomes.push(
				await attemptLogin(
					m.db,
					{ username: 'rowan', authKey: m.authKey, code: codeAt(m.secret, STEP0 + 5) },
					at(0)
				)
			);
		}
		expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual([
			...Array(FREE_FAILURES + 1).fill('totp')
		]);
		expect(outcomes.at(-1)).toMatchObject({ minutes: 1 });
		// Locked now: guesses get nothing but the lock, and each one makes it longer.
		const [guess] = await fail(m.db, 'rowan', 1, at(1000));
		expect(guess).toMatchObject({ ok: false, reason: 'locked', minutes: 2 });
		// Once the lock has run out, the next failure locks again, for longer still.
		const [later] = await fail(m.db, 'rowan', 1, at(3 * 60_000));
		expect(later).toMatchObject({ ok: false, reason: 'passphrase', minutes: 4 });
	});

	it('forgets a name that has been quiet for a day', async () => {
		const m = await memberDb();
		await fail(m.db, 'nobody-here', FREE_FAILURES + 2, at(0));
		const [dayLater] = await fail(m.db, 'nobody-here', 1, at((FORGET_AFTER_HOURS + 1) * 3600_000));
		expect(dayLater).toEqual({ ok: false, reason: 'unknown_user', minutes: undefined });
	});

	it('stores no username: the backoff rows hold only a keyed hash of the name', async () => {
		const { db, path } = await freshDbWithPath();
		const name = 'sentinel-unknown-name';
		await fail(db, name, FREE_FAILURES + 1, at(0));
		const rows = await db.selectFrom('login_backoff').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(Buffer.from(rows[0].name_hash)).toEqual(Buffer.from(await backoffKey(name)));
		expect(rows[0].failures).toBe(FREE_FAILURES + 1);
		await db.destroy();
		// Byte scan of the SQLite files; PostgreSQL's rows are checked above.
		for (const file of onPostgres ? [] : readdirSync(dirname(path))) {
			expect(readFileSync(join(dirname(path), file)).includes(name)).toBe(false);
		}
	});
});
