import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fromBase64url, toBase64url } from '../../src/lib/crypto/encoding';
import { createKeyring, type UnitKeyring } from '../../src/lib/crypto/keyring';
import { getSodium } from '../../src/lib/crypto/sodium';
import type { Db } from '../../src/lib/server/db';
import type { Staff } from '../../src/lib/server/db/schema';
import {
	importRecoveryKit,
	recordKitExport,
	recoveryImportFor
} from '../../src/lib/server/staff/recovery';
import { setupDone } from '../../src/lib/server/staff/setup-code';
import { freshDb } from './support/db';
import { insertStaff } from './support/staff';

process.env.SERVER_SECRET = toBase64url(new Uint8Array(randomBytes(32)));

let db: Db;
let unitKeyId: string;
let unit: { keyring: UnitKeyring; publicKey: Uint8Array };
let newAdmin: Staff;

const grant = (staffId: string, version = 1) =>
	db
		.insertInto('keyring_grants')
		.values({
			staff_id: staffId,
			version,
			sealed_keyring: randomBytes(80),
			granted_by: staffId,
			granted_at: new Date().toISOString()
		})
		.execute();

const audits = (action: string) =>
	db.selectFrom('audit_events').selectAll().where('action', '=', action).execute();

const sealed = randomBytes(120);

/** What a browser holding the unit's secret key answers to the server's challenge. */
async function proofFor(admin: Staff) {
	const rule = await recoveryImportFor(db, admin);
	if (!rule.allowed) {
		return { issuedAt: new Date().toISOString(), value: new Uint8Array(randomBytes(32)) };
	}
	const sodium = await getSodium();
	const value = sodium.crypto_box_seal_open(
		fromBase64url(rule.challenge.sealed),
		unit.publicKey,
		unit.keyring.keys[0].sk
	);
	return { issuedAt: rule.challenge.issued_at, value };
}

const importKit = async (
	admin: Staff,
	keyIds = [unitKeyId],
	proof?: Awaited<ReturnType<typeof proofFor>>
) =>
	importRecoveryKit(db, admin, {
		version: 1,
		keyIds,
		sealedKeyring: sealed,
		proof: proof ?? (await proofFor(admin))
	});

beforeEach(async () => {
	({ db } = await freshDb());
	const sodium = await getSodium();
	unit = createKeyring(sodium);
	const { keyring, publicKey } = unit;
	unitKeyId = keyring.keys[0].id;
	const founder = await insertStaff(db, { role: 'admin', username: 'founder' });
	await db
		.insertInto('unit_keys')
		.values({
			id: unitKeyId,
			public_key: publicKey,
			created_at: new Date().toISOString(),
			created_by: founder.id,
			retired_at: null
		})
		.execute();
	await grant(founder.id);
	newAdmin = await insertStaff(db, { role: 'admin', username: 'newcomer' });
});

const disableEveryoneBut = (keep: string) =>
	db.updateTable('staff').set({ status: 'disabled' }).where('id', '!=', keep).execute();

describe('opening a recovery kit (a grant with no grantor)', () => {
	it('is refused while an active admin holds the keyring, and nothing is stored', async () => {
		expect(await recoveryImportFor(db, newAdmin)).toEqual({
			allowed: false,
			reason: 'founder holds the unit keyring and can grant it to you from the team page.'
		});
		await expect(importKit(newAdmin)).rejects.toMatchObject({ status: 409 });
		expect(await db.selectFrom('keyring_grants').selectAll().execute()).toHaveLength(1);
		expect(await audits('unit_key.recovery_import')).toHaveLength(0);
	});

	it('is allowed once every admin who held it is disabled, and is audited', async () => {
		// A reviewer who still holds the keyring cannot grant it: that does not block recovery.
		const reviewer = await insertStaff(db, { role: 'reviewer' });
		await grant(reviewer.id);
		await disableEveryoneBut(newAdmin.id);
		await db.updateTable('staff').set({ status: 'active' }).where('id', '=', reviewer.id).execute();
		expect(await recoveryImportFor(db, newAdmin)).toMatchObject({ allowed: true });
		await importKit(newAdmin);
		const row = await db
			.selectFrom('keyring_grants')
			.selectAll()
			.where('staff_id', '=', newAdmin.id)
			.executeTakeFirstOrThrow();
		expect(new Uint8Array(row.sealed_keyring)).toEqual(new Uint8Array(sealed));
		expect(row.granted_by).toBe(newAdmin.id);
		const [event] = await audits('unit_key.recovery_import');
		expect(event.actor_id).toBe(newAdmin.id);
		expect(JSON.parse(event.detail_json)).toEqual({
			keyring_version: 1,
			unit_key_ids: [unitKeyId]
		});
		// Once is enough: a second import is refused.
		await expect(importKit(newAdmin)).rejects.toMatchObject({ status: 409 });
	});

	it('is refused without proof of the unit’s secret key, or with a stale one', async () => {
		await disableEveryoneBut(newAdmin.id);
		const forged = { issuedAt: new Date().toISOString(), value: new Uint8Array(randomBytes(32)) };
		await expect(importKit(newAdmin, [unitKeyId], forged)).rejects.toMatchObject({
			status: 400,
			message: expect.stringMatching(/does not hold the unit’s current secret key/)
		});
		// A genuine answer is bound to its time and to this admin.
		const genuine = await proofFor(newAdmin);
		const moved = { ...genuine, issuedAt: new Date(Date.now() - 60_000).toISOString() };
		await expect(importKit(newAdmin, [unitKeyId], moved)).rejects.toMatchObject({ status: 400 });
		vi.useFakeTimers({ now: Date.now() - 31 * 60_000, toFake: ['Date'] });
		const stale = await proofFor(newAdmin);
		vi.useRealTimers();
		await expect(importKit(newAdmin, [unitKeyId], stale)).rejects.toMatchObject({
			status: 409,
			message: expect.stringMatching(/open too long/)
		});
		const other = await insertStaff(db, { role: 'admin' });
		await expect(importKit(other, [unitKeyId], genuine)).rejects.toMatchObject({ status: 400 });
		expect(await db.selectFrom('keyring_grants').selectAll().execute()).toHaveLength(1);
		expect(await audits('unit_key.recovery_import')).toHaveLength(0);
		await importKit(newAdmin, [unitKeyId], genuine);
		expect(await audits('unit_key.recovery_import')).toHaveLength(1);
	});

	it('is refused for a reviewer, and for a kit of another unit', async () => {
		await disableEveryoneBut(newAdmin.id);
		const reviewer = await insertStaff(db, { role: 'reviewer' });
		await expect(importKit(reviewer)).rejects.toMatchObject({ status: 409 });
		const stranger = createKeyring(await getSodium()).keyring.keys[0].id;
		await expect(importKit(newAdmin, [stranger])).rejects.toMatchObject({
			status: 400,
			message: expect.stringMatching(/another unit/)
		});
		expect(await db.selectFrom('keyring_grants').selectAll().execute()).toHaveLength(1);
	});

	it('reopens first-run setup only when no active admin is left', async () => {
		expect(await setupDone(db)).toBe(true);
		await disableEveryoneBut('nobody');
		expect(await setupDone(db)).toBe(false);
	});
});

describe('recording a kit export', () => {
	it('audits who made a kit of which keyring, and nothing of its content', async () => {
		const founder = await db
			.selectFrom('staff')
			.selectAll()
			.where('username', '=', 'founder')
			.executeTakeFirstOrThrow();
		await recordKitExport(db, founder, { version: 1, keyIds: [unitKeyId] });
		const [event] = await audits('unit_key.recovery_export');
		expect(event.actor_id).toBe(founder.id);
		expect(JSON.parse(event.detail_json)).toEqual({
			keyring_version: 1,
			unit_key_ids: [unitKeyId]
		});
	});

	it('is refused for a member without the keyring or with an old version', async () => {
		await expect(
			recordKitExport(db, newAdmin, { version: 1, keyIds: [unitKeyId] })
		).rejects.toMatchObject({
			status: 409
		});
		expect(await audits('unit_key.recovery_export')).toHaveLength(0);
	});

	it('is refused for a "new reports only" keyring, which could not restore the older reports', async () => {
		const founder = await db
			.selectFrom('staff')
			.selectAll()
			.where('username', '=', 'founder')
			.executeTakeFirstOrThrow();
		await db
			.updateTable('keyring_grants')
			.set({ keys_from: unitKeyId })
			.where('staff_id', '=', founder.id)
			.execute();
		try {
			await expect(
				recordKitExport(db, founder, { version: 1, keyIds: [unitKeyId] })
			).rejects.toMatchObject({ status: 409, code: 'partial_keyring' });
			expect(await audits('unit_key.recovery_export')).toHaveLength(0);
		} finally {
			await db
				.updateTable('keyring_grants')
				.set({ keys_from: null })
				.where('staff_id', '=', founder.id)
				.execute();
		}
	});
});
