import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { getSodium } from '../../src/lib/crypto/sodium';
import { authHashOf } from '../../src/lib/crypto/staff-keys';
import { openWallet, openWalletKey, withEntry } from '../../src/lib/crypto/wallet';
import { fromBase64url } from '../../src/lib/crypto/encoding';
import { changeWallet, loadWallet, rotateWalletKey } from '../../src/lib/partner/wallet-client';
import {
	MAX_WALLET_BYTES,
	NewWalletSchema,
	SealedWalletSchema,
	WalletGrantSchema,
	WalletRotationSchema
} from '../../src/lib/partner/schemas';
import * as v from 'valibot';
import type { Db } from '../../src/lib/server/db';
import type { Staff } from '../../src/lib/server/db/schema';
import { DomainError } from '../../src/lib/server/errors';
import { disableOrg, disableWorker } from '../../src/lib/server/partners/orgs';
import {
	createWallet,
	grantWalletKey,
	rotateWallet,
	saveWallet,
	walletState
} from '../../src/lib/server/partners/wallet';
import { attemptLogin } from '../../src/lib/server/staff/login';
import { sealTotpSecret, totpStepAt } from '../../src/lib/server/staff/totp';
import { freshDb } from './support/db';
import { testOrg, testWorker, type TestWorker } from './support/partners';
import { insertStaff } from './support/staff';

process.env.SERVER_SECRET ??= toBase64url(new Uint8Array(randomBytes(32)));

/**
 * The browser's wallet code (src/lib/partner/wallet-client.ts) run against the server's wallet
 * functions: fetch is answered by the same functions the /partner/api/wallet endpoints call, as
 * the signed-in `who`. `beforeSave` runs once, just before the first save reaches the server.
 */
function serveWalletAs(db: Db, who: () => Staff, beforeSave?: () => Promise<void>) {
	let pending = beforeSave;
	const answer = async (work: () => Promise<unknown>) => {
		try {
			return Response.json((await work()) ?? {});
		} catch (e) {
			if (e instanceof DomainError) {
				return Response.json({ error: { code: e.code, message: e.message } }, { status: e.status });
			}
			throw e;
		}
	};
	return async (url: string, init: RequestInit = {}) => {
		const body = init.body ? JSON.parse(String(init.body)) : null;
		const method = init.method ?? 'GET';
		if (url === '/partner/api/wallet' && method === 'GET') {
			return answer(() => walletState(db, who()));
		}
		if (url === '/partner/api/wallet' && method === 'POST') {
			return answer(() => createWallet(db, who(), v.parse(NewWalletSchema, body)));
		}
		if (url === '/partner/api/wallet' && method === 'PUT') {
			if (pending) {
				const run = pending;
				pending = undefined;
				await run();
			}
			return answer(() => saveWallet(db, who(), v.parse(SealedWalletSchema, body)));
		}
		if (url === '/partner/api/wallet/grants') {
			return answer(() => grantWalletKey(db, who(), v.parse(WalletGrantSchema, body)));
		}
		if (url === '/partner/api/wallet/rotate') {
			return answer(() => rotateWallet(db, who(), v.parse(WalletRotationSchema, body)));
		}
		throw new Error(`unexpected ${method} ${url}`);
	};
}

afterEach(() => {
	vi.unstubAllGlobals();
});

const entry = (code: string, label: string) => ({ code, label, added_at: '2026-11-03T10:00:00Z' });

async function orgWithTwoWorkers() {
	const { db } = await freshDb();
	const org = await testOrg(db as Db, 'Nelson Trust outreach');
	const alice = await testWorker(db as Db, org.id);
	const bob = await testWorker(db as Db, org.id);
	return { db: db as Db, org, alice, bob };
}

/** Alice makes the wallet and gives Bob the key, through the browser code. */
async function sharedWallet(db: Db, alice: TestWorker, bob: TestWorker) {
	const sodium = await getSodium();
	vi.stubGlobal(
		'fetch',
		serveWalletAs(db, () => alice.row)
	);
	const made = await loadWallet(sodium, alice.keys);
	if ('waiting' in made) {
		throw new Error('the first worker should hold the new wallet key');
	}
	const { giveKey } = await import('../../src/lib/partner/wallet-client');
	await giveKey(sodium, made, { id: bob.row.id, box_pk: toBase64url(bob.keys.boxPublicKey) });
	return made;
}

const refusal = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(e) => (e instanceof DomainError ? { status: e.status, code: e.code } : e)
	);

describe('the code wallet on the server', () => {
	it('keeps both entries when two workers add at the same moment (compare-and-swap, retried)', async () => {
		const { db, alice, bob } = await orgWithTwoWorkers();
		const sodium = await getSodium();
		await sharedWallet(db, alice, bob);

		// Alice's save is overtaken: just before it reaches the server, Bob adds his entry.
		const bobAdds = async () => {
			vi.stubGlobal(
				'fetch',
				serveWalletAs(db, () => bob.row)
			);
			await changeWallet(sodium, bob.keys, (w) => withEntry(w, entry('BOB01', 'K., van')));
			vi.stubGlobal('fetch', aliceFetch);
		};
		const aliceFetch = serveWalletAs(db, () => alice.row, bobAdds);
		vi.stubGlobal('fetch', aliceFetch);
		const saved = await changeWallet(sodium, alice.keys, (w) =>
			withEntry(w, entry('ALICE1', 'M., Tuesday drop-in'))
		);

		expect(saved.wallet.entries.map((e) => e.label).sort()).toEqual([
			'K., van',
			'M., Tuesday drop-in'
		]);
		// What the server holds opens, for Bob too, to both entries, at revision 3 (made, Bob, Alice).
		const state = await walletState(db, bob.row);
		expect(state.wallet?.revision).toBe(3);
		const key = openWalletKey(
			sodium,
			fromBase64url(state.sealed_key!),
			bob.keys.boxPublicKey,
			bob.keys.boxSecretKey
		);
		const opened = openWallet(
			sodium,
			{
				nonce: fromBase64url(state.wallet!.nonce),
				ciphertext: fromBase64url(state.wallet!.ciphertext)
			},
			{ orgId: state.org_id, revision: 3 },
			key
		);
		expect(opened.entries.map((e) => e.code).sort()).toEqual(['ALICE1', 'BOB01']);
	});

	it('refuses a save from a stale revision and changes nothing', async () => {
		const { db, alice, bob } = await orgWithTwoWorkers();
		await sharedWallet(db, alice, bob);
		const before = await walletState(db, alice.row);
		const stale = {
			key_version: 1,
			revision: before.wallet!.revision, // should be revision + 1
			nonce: new Uint8Array(24),
			ciphertext: new Uint8Array(1040)
		};
		expect(await refusal(saveWallet(db, alice.row, stale))).toEqual({ status: 409, code: 'stale' });
		expect(await walletState(db, alice.row)).toEqual(before);
	});

	it('a worker without the key, or of another organisation, cannot save or give it', async () => {
		const { db, org, alice, bob } = await orgWithTwoWorkers();
		await sharedWallet(db, alice, bob);
		const newcomer = await testWorker(db, org.id);
		const other = await testOrg(db, 'Sex Worker Forum', org.admin);
		const outsider = await testWorker(db, other.id);
		const save = {
			key_version: 1,
			revision: 3,
			nonce: new Uint8Array(24),
			ciphertext: new Uint8Array(1040)
		};
		expect(await refusal(saveWallet(db, newcomer.row, save))).toEqual({
			status: 403,
			code: 'no_wallet_key'
		});
		expect((await walletState(db, newcomer.row)).sealed_key).toBeNull();
		// The outsider's own organisation has no wallet; they get nothing of this one.
		const theirs = await walletState(db, outsider.row);
		expect(theirs.wallet).toBeNull();
		expect(theirs.colleagues.map((c) => c.id)).toEqual([outsider.row.id]);
		// A grant to someone outside the organisation is refused.
		const grant = { key_version: 1, staff_id: outsider.row.id, sealed_key: new Uint8Array(80) };
		expect(await refusal(grantWalletKey(db, alice.row, grant))).toEqual({
			status: 404,
			code: 'not_found'
		});
	});

	it('a worker leaving ends their sessions, drops their key and the next worker re-seals the wallet', async () => {
		const { db, org, alice, bob } = await orgWithTwoWorkers();
		const sodium = await getSodium();
		await sharedWallet(db, alice, bob);
		vi.stubGlobal(
			'fetch',
			serveWalletAs(db, () => alice.row)
		);
		await changeWallet(sodium, alice.keys, (w) => withEntry(w, entry('CODE1', 'M.')));
		await db
			.insertInto('sessions')
			.values({
				id_hash: randomBytes(32),
				staff_id: bob.row.id,
				created_at: 'x',
				last_seen_at: 'x',
				expires_at: 'x'
			})
			.execute();

		await disableWorker(db, org.admin, bob.row.id);
		expect(
			await db.selectFrom('sessions').where('staff_id', '=', bob.row.id).selectAll().execute()
		).toEqual([]);
		expect((await walletState(db, alice.row)).wallet?.rotation_due).toBe(true);

		const rotated = await rotateWalletKey(sodium, alice.keys);
		expect(rotated.keyVersion).toBe(2);
		const grants = await db
			.selectFrom('wallet_key_grants')
			.select(['staff_id', 'key_version'])
			.execute();
		expect(grants).toEqual([{ staff_id: alice.row.id, key_version: 2 }]);
		const state = await walletState(db, alice.row);
		expect(state.wallet?.rotation_due).toBe(false);
		expect(rotated.wallet.entries.map((e) => e.label)).toEqual(['M.']);
	});

	it('disabling an organisation ends every worker’s session', async () => {
		const { db, org, alice, bob } = await orgWithTwoWorkers();
		for (const w of [alice, bob]) {
			await db
				.insertInto('sessions')
				.values({
					id_hash: randomBytes(32),
					staff_id: w.row.id,
					created_at: 'x',
					last_seen_at: 'x',
					expires_at: 'x'
				})
				.execute();
		}
		const staff = await insertStaff(db, { role: 'reviewer' });
		await db
			.insertInto('sessions')
			.values({
				id_hash: randomBytes(32),
				staff_id: staff.id,
				created_at: 'x',
				last_seen_at: 'x',
				expires_at: 'x'
			})
			.execute();
		await disableOrg(db, org.admin, org.id);
		const left = await db.selectFrom('sessions').select('staff_id').execute();
		expect(left).toEqual([{ staff_id: staff.id }]);
	});

	it('caps a wallet save at its documented size', () => {
		const tooBig = {
			key_version: 1,
			revision: 2,
			nonce: toBase64url(new Uint8Array(24)),
			ciphertext: toBase64url(new Uint8Array(MAX_WALLET_BYTES + 17))
		};
		expect(v.safeParse(SealedWalletSchema, tooBig).success).toBe(false);
	});
});

describe('partner workers and staff sign in only at their own door', () => {
	it('a partner worker is unknown at the staff sign-in, and a staff member at the partner one', async () => {
		const { db } = await freshDb();
		const sodium = await getSodium();
		const org = await testOrg(db as Db, 'Nelson Trust outreach');
		const authKey = sodium.randombytes_buf(32);
		const secret = new Uint8Array(randomBytes(20));
		const make = async (username: string, role: 'partner' | 'reviewer') => {
			const row = await insertStaff(db as Db, {
				username,
				role,
				org_id: role === 'partner' ? org.id : null,
				auth_hash: authHashOf(sodium, authKey)
			});
			await db
				.updateTable('staff')
				.set(await sealTotpSecret(row.id, secret))
				.where('id', '=', row.id)
				.execute();
			return row;
		};
		await make('outreach.ann', 'partner');
		await make('reviewer.rob', 'reviewer');
		const now = new Date();
		const code = () =>
			new TOTP({ secret: new Secret({ buffer: secret.slice().buffer }) }).generate({
				timestamp: totpStepAt(now.getTime()) * 30_000
			});
		const attempt = (username: string, audience: 'staff' | 'partner') =>
			attemptLogin(db as Db, { username, authKey, code: code() }, now, audience);

		expect(await attempt('outreach.ann', 'staff')).toMatchObject({
			ok: false,
			reason: 'unknown_user'
		});
		expect(await attempt('reviewer.rob', 'partner')).toMatchObject({
			ok: false,
			reason: 'unknown_user'
		});
		expect(await attempt('outreach.ann', 'partner')).toMatchObject({ ok: true });
	});
});
