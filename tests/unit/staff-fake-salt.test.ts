import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { KDF_MEM, KDF_OPS } from '../../src/lib/crypto/staff-keys';
import { freshDb } from './support/db';

const SECRET = new Uint8Array(randomBytes(32));
const OTHER_SECRET = new Uint8Array(randomBytes(32));
process.env.SERVER_SECRET = toBase64url(SECRET);

/** A fresh copy of the module, as after a server restart. */
const load = async () => {
	vi.resetModules();
	return import('../../src/lib/server/staff/fake-salt');
};

describe('fake salt for unknown usernames', () => {
	it('is the same on every call and after a restart with the same server secret', async () => {
		const a = await load();
		const first = await a.fakeSalt('no.such.person');
		expect(first).toHaveLength(16);
		expect(await a.fakeSalt('no.such.person')).toEqual(first);
		const b = await load();
		expect(await b.fakeSalt('no.such.person')).toEqual(first);
		expect(await b.fakeSalt('no.such.person', SECRET)).toEqual(first);
	});

	it('differs between usernames and between server secrets', async () => {
		const { fakeSalt } = await load();
		const salt = await fakeSalt('no.such.person');
		expect(await fakeSalt('no.such.person2')).not.toEqual(salt);
		expect(await fakeSalt('someone.else')).not.toEqual(salt);
		expect(await fakeSalt('no.such.person', OTHER_SECRET)).not.toEqual(salt);
	});

	it('is answered in the same shape as a real salt', async () => {
		const { saltFor, fakeSalt } = await load();
		const { db } = await freshDb();
		const unknown = await saltFor(db, 'no.such.person');
		expect(unknown).toEqual({
			salt: toBase64url(await fakeSalt('no.such.person')),
			ops: KDF_OPS,
			mem: KDF_MEM
		});
		expect(await saltFor(db, 'no.such.person')).toEqual(unknown);
		const realSalt = new Uint8Array(randomBytes(16));
		await db
			.insertInto('staff')
			.values({
				id: 's1',
				username: 'real.person',
				role: 'admin',
				team: 'RASSO',
				status: 'active',
				kdf_salt: realSalt,
				kdf_ops: KDF_OPS,
				kdf_mem: KDF_MEM,
				auth_hash: new Uint8Array(32),
				box_pk: new Uint8Array(32),
				sign_pk: new Uint8Array(32),
				secret_box: new Uint8Array(100),
				secret_nonce: new Uint8Array(24),
				totp_secret: new Uint8Array(36),
				totp_nonce: new Uint8Array(24),
				created_at: new Date().toISOString(),
				disabled_at: null
			})
			.execute();
		const real = await saltFor(db, 'real.person');
		expect(Object.keys(real).sort()).toEqual(Object.keys(unknown).sort());
		expect(real.salt).toBe(toBase64url(realSalt));
	});
});
