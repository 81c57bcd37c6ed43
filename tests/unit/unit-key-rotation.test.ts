import { describe, expect, it } from 'vitest';
import { fromBase64url } from '../../src/lib/crypto/encoding';
import {
	openKeyring,
	unitKeyIdOf,
	unitKeyPair,
	type UnitKeyring
} from '../../src/lib/crypto/keyring';
import { openReport, openSealedKey } from '../../src/lib/crypto/report-box';
import type { Sodium } from '../../src/lib/crypto/sodium';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import { createSession } from '../../src/lib/server/auth/sessions';
import type { Db } from '../../src/lib/server/db';
import { DomainError } from '../../src/lib/server/errors';
import { rotateUnitKey, type Rotation } from '../../src/lib/server/keyring/rotation';
import { activeUnitKey, usableUnitKey } from '../../src/lib/server/reports/unit-key';
import { disableMember, grantKeyring, removeGrant } from '../../src/lib/server/staff/team';
import { sealNoteFor } from '../../src/lib/staff/report/seal';
import { buildRotation, type Holder } from '../../src/lib/staff/rotation';
import { rotateKeyring } from '../../src/lib/crypto/keyring';
import { keyedUnit, reportTo, type KeyedMember } from './support/key-holders';
import { freshDb } from './support/db';

const refusal = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(e) => (e instanceof DomainError ? { status: e.status, code: e.code, message: e.message } : e)
	);

/** The form fields the team page posts, turned into what the action hands the server module. */
function rotationOf(fields: Record<string, string>): Rotation {
	const grants = JSON.parse(fields.grants) as {
		staff_id: string;
		sealed_keyring: string;
		scope: 'all' | 'new';
	}[];
	return {
		version: Number(fields.version),
		unitPublicKey: fromBase64url(fields.unit_pk),
		grants: grants.map((g) => ({
			staffId: g.staff_id,
			sealedKeyring: fromBase64url(g.sealed_keyring),
			scope: g.scope
		})),
		removed: JSON.parse(fields.removed) as string[]
	};
}

const holder = (
	m: KeyedMember,
	choice: Holder['choice'] = 'all',
	keysFrom: string | null = null
): Holder => ({
	id: m.row.id,
	boxPublicKey: Buffer.from(m.keys.boxPublicKey).toString('base64url'),
	choice,
	keysFrom
});

/** The keyring the server holds for a member, opened with that member's own box secret key. */
async function grantOf(db: Db, sodium: Sodium, m: KeyedMember) {
	const row = await db
		.selectFrom('keyring_grants')
		.selectAll()
		.where('staff_id', '=', m.row.id)
		.executeTakeFirst();
	if (!row) {
		return null;
	}
	return {
		row,
		sealed: new Uint8Array(row.sealed_keyring),
		keyring: openKeyring(
			sodium,
			new Uint8Array(row.sealed_keyring),
			m.keys.boxPublicKey,
			m.keys.boxSecretKey
		)
	};
}

/** Opens a report with a keyring as a member's browser does: the report's own key id first. */
function opens(sodium: Sodium, keyring: UnitKeyring, report: ReturnType<typeof reportTo>) {
	const pair = unitKeyPair(sodium, keyring, report.unitKeyId);
	if (!pair) {
		return false;
	}
	const key = openSealedKey(sodium, report.keyForUnit, pair.publicKey, pair.privateKey);
	openReport(sodium, { ...report, key });
	return true;
}

/** Tries every key in a keyring against a report's sealed key, whatever id it claims. */
function anyKeyOpens(sodium: Sodium, keyring: UnitKeyring, report: ReturnType<typeof reportTo>) {
	return keyring.keys.some((k) => {
		try {
			const key = openSealedKey(
				sodium,
				report.keyForUnit,
				sodium.crypto_scalarmult_base(k.sk),
				k.sk
			);
			openReport(sodium, { ...report, key });
			return true;
		} catch {
			return false;
		}
	});
}

const state = async (db: Db) => ({
	keys: await db
		.selectFrom('unit_keys')
		.select(['id', 'retired_at'])
		.orderBy('created_at')
		.execute(),
	grants: await db
		.selectFrom('keyring_grants')
		.select(['staff_id', 'version', 'keys_from'])
		.orderBy('staff_id')
		.execute(),
	audit: (await db.selectFrom('audit_events').select('seq').execute()).length
});

describe('unit-key rotation', () => {
	it('re-seals for members who keep access; a member removed before it cannot open what comes after', async () => {
		const { db } = await freshDb();
		const unit = await keyedUnit(db, [
			{ name: 'ada.admin', role: 'admin' },
			{ name: 'rita' },
			{ name: 'bob' }
		]);
		const { sodium } = unit;
		const { 'ada.admin': admin, rita, bob } = unit.members;
		const before = reportTo(sodium, unit.keyring.keys[0].id, unit.publicKey);

		// Bob's keyring is taken away first; his browser may have kept the last copy it was served.
		const bobsLast = (await grantOf(db, sodium, bob))!.sealed;
		await removeGrant(db, admin.row, bob.row.id, null);

		const built = buildRotation(sodium, unit.keyring, [holder(admin), holder(rita)]);
		const done = await rotateUnitKey(db, admin.row, rotationOf(built.fields), null);

		// The new public key is what reporters are given now; the old one is retired and refused.
		const active = (await activeUnitKey(db))!;
		expect(active.id).toBe(done.unit_key_id);
		expect(active.id).toBe(unitKeyIdOf(sodium, new Uint8Array(active.public_key)));
		expect(await usableUnitKey(db, unit.keyring.keys[0].id)).toBe(false);
		const after = reportTo(sodium, active.id, new Uint8Array(active.public_key));

		// Rita, who kept access, opens both with the keyring the server now serves her.
		const ritas = (await grantOf(db, sodium, rita))!;
		expect(ritas.keyring.version).toBe(2);
		expect(ritas.keyring.keys.map((k) => k.id)).toEqual([unit.keyring.keys[0].id, active.id]);
		expect(opens(sodium, ritas.keyring, before)).toBe(true);
		expect(opens(sodium, ritas.keyring, after)).toBe(true);
		expect(ritas.keyring.linkKey).toEqual(unit.keyring.linkKey);

		// Bob, with his own box secret key and his last sealed keyring: the old report still opens
		// (that is what a rotation cannot undo), the new one opens with none of his keys.
		const bobs = openKeyring(sodium, bobsLast, bob.keys.boxPublicKey, bob.keys.boxSecretKey);
		expect(anyKeyOpens(sodium, bobs, before)).toBe(true);
		expect(anyKeyOpens(sodium, bobs, after)).toBe(false);
		expect(bobs.keys.map((k) => k.id)).not.toContain(active.id);
		expect(await grantOf(db, sodium, bob)).toBeNull();

		const audit = await db
			.selectFrom('audit_events')
			.selectAll()
			.where('action', '=', 'unit_key.rotate')
			.executeTakeFirstOrThrow();
		expect(audit.subject).toBe(active.id);
		expect(JSON.parse(audit.detail_json)).toMatchObject({
			version: 2,
			retired: [unit.keyring.keys[0].id],
			kept: [admin.row.id, rita.row.id],
			removed: []
		});
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('can leave the retired keys out of a member’s grant', async () => {
		const { db } = await freshDb();
		// Bob keeps every key too: narrowing Rita leaves two members who hold the whole keyring.
		const unit = await keyedUnit(db, [
			{ name: 'ada.admin', role: 'admin' },
			{ name: 'rita' },
			{ name: 'bob' }
		]);
		const { sodium } = unit;
		const { 'ada.admin': admin, rita, bob } = unit.members;
		const before = reportTo(sodium, unit.keyring.keys[0].id, unit.publicKey);
		const built = buildRotation(sodium, unit.keyring, [
			holder(admin),
			holder(rita, 'new'),
			holder(bob)
		]);
		const done = await rotateUnitKey(db, admin.row, rotationOf(built.fields), null);
		const ritas = (await grantOf(db, sodium, rita))!;
		expect(ritas.keyring.keys.map((k) => k.id)).toEqual([done.unit_key_id]);
		expect(ritas.row.keys_from).toBe(done.unit_key_id);
		expect(anyKeyOpens(sodium, ritas.keyring, before)).toBe(false);
		// The admin keeps every key, so the old report is not lost to the unit.
		expect(opens(sodium, (await grantOf(db, sodium, admin))!.keyring, before)).toBe(true);
		// A member granted by an admin gets exactly that admin's keys; rita's partial keyring cannot
		// be the base of the next rotation.
		const ritaAsAdmin = { ...rita.row, role: 'admin' as const };
		const next = buildRotation(sodium, ritas.keyring, [holder(rita), holder(admin), holder(bob)]);
		expect(
			await refusal(rotateUnitKey(db, ritaAsAdmin, rotationOf(next.fields), null))
		).toMatchObject({ status: 409, code: 'partial_keyring' });

		// The next rotation keeps Rita's grant where it starts: the report sealed to the key she
		// was given stays open to her (before, each rotation cut her down to the newest key).
		const between = reportTo(
			sodium,
			done.unit_key_id,
			sodium.crypto_scalarmult_base(built.keyring.keys.at(-1)!.sk)
		);
		const third = buildRotation(sodium, built.keyring, [
			holder(admin),
			holder(rita, 'new', done.unit_key_id),
			holder(bob)
		]);
		const again = await rotateUnitKey(db, admin.row, rotationOf(third.fields), null);
		const ritasNow = (await grantOf(db, sodium, rita))!;
		expect(ritasNow.row.keys_from).toBe(done.unit_key_id);
		expect(ritasNow.keyring.keys.map((k) => k.id)).toEqual([done.unit_key_id, again.unit_key_id]);
		expect(opens(sodium, ritasNow.keyring, between)).toBe(true);
		expect(anyKeyOpens(sodium, ritasNow.keyring, before)).toBe(false);
	});

	it('refuses a stale keyring and a rotation that passes over a holder, changing nothing', async () => {
		const { db } = await freshDb();
		const unit = await keyedUnit(db, [
			{ name: 'ada.admin', role: 'admin' },
			{ name: 'rita' },
			{ name: 'bob' }
		]);
		const { sodium } = unit;
		const { 'ada.admin': admin, rita, bob } = unit.members;
		const first = buildRotation(sodium, unit.keyring, [holder(admin), holder(rita), holder(bob)]);
		await rotateUnitKey(db, admin.row, rotationOf(first.fields), null);
		const settled = await state(db);

		// Made from keyring v1 again (another tab, or before someone else rotated): 409.
		const stale = buildRotation(sodium, unit.keyring, [holder(admin), holder(rita), holder(bob)]);
		expect(
			await refusal(rotateUnitKey(db, admin.row, rotationOf(stale.fields), null))
		).toMatchObject({
			status: 409,
			code: 'stale_keyring'
		});
		// Bob silently missing: neither kept nor removed on purpose.
		const silent = buildRotation(sodium, first.keyring, [holder(admin), holder(rita)]);
		const refused = await refusal(rotateUnitKey(db, admin.row, rotationOf(silent.fields), null));
		expect(refused).toMatchObject({ status: 409, code: 'holder_not_listed' });
		expect((refused as { message: string }).message).toContain('bob');
		expect(await state(db)).toEqual(settled);

		// Said out loud, the same rotation goes through and bob's grant is gone.
		const said = buildRotation(sodium, first.keyring, [
			holder(admin),
			holder(rita),
			holder(bob, 'remove')
		]);
		const done = await rotateUnitKey(db, admin.row, rotationOf(said.fields), null);
		expect(done.removed).toEqual([bob.row.id]);
		expect(await grantOf(db, sodium, bob)).toBeNull();

		// Once removed, a later rotation cannot hand him the next key through the back door.
		const sneaky = buildRotation(sodium, said.keyring, [holder(admin), holder(rita), holder(bob)]);
		expect(
			await refusal(rotateUnitKey(db, admin.row, rotationOf(sneaky.fields), null))
		).toMatchObject({ status: 409, code: 'conflict' });
		expect(await grantOf(db, sodium, bob)).toBeNull();
	});

	it('disables a member and rotates in one step, ending their sessions', async () => {
		const { db } = await freshDb();
		const unit = await keyedUnit(db, [
			{ name: 'ada.admin', role: 'admin' },
			{ name: 'rita' },
			{ name: 'bob' }
		]);
		const { sodium } = unit;
		const { 'ada.admin': admin, rita, bob } = unit.members;
		await createSession(db, bob.row.id);
		const built = buildRotation(sodium, unit.keyring, [holder(admin), holder(rita)]);
		await disableMember(db, admin.row, bob.row.id, { rotation: rotationOf(built.fields) });
		expect(
			await db
				.selectFrom('sessions')
				.where('staff_id', '=', bob.row.id)
				.select('staff_id')
				.execute()
		).toEqual([]);
		expect(await grantOf(db, sodium, bob)).toBeNull();
		expect((await grantOf(db, sodium, rita))!.keyring.version).toBe(2);
		const actions = (
			await db.selectFrom('audit_events').select('action').orderBy('seq').execute()
		).map((a) => a.action);
		expect(actions).toEqual(['staff.disable', 'unit_key.rotate']);
	});

	it('gives a newly granted member the granting admin’s keys and marks a partial grant', async () => {
		const { db } = await freshDb();
		const unit = await keyedUnit(db, [
			{ name: 'ada.admin', role: 'admin' },
			{ name: 'rita' },
			{ name: 'new.member', holds: false }
		]);
		const { 'ada.admin': admin } = unit.members;
		const member = unit.members['new.member'];
		// This admin was given only the keys from a later rotation on.
		await db
			.updateTable('keyring_grants')
			.set({ keys_from: unit.keyring.keys[0].id })
			.where('staff_id', '=', admin.row.id)
			.execute();
		await grantKeyring(db, admin.row, {
			memberId: member.row.id,
			version: 1,
			sealedKeyring: new Uint8Array(64)
		});
		const row = await db
			.selectFrom('keyring_grants')
			.selectAll()
			.where('staff_id', '=', member.row.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			version: 1,
			keys_from: unit.keyring.keys[0].id,
			granted_by: admin.row.id
		});
	});

	it('seals a note written after a rotation to the new key, even on an older report', async () => {
		const { db } = await freshDb();
		const unit = await keyedUnit(db, [{ name: 'ada.admin', role: 'admin' }]);
		const { sodium, keyring } = unit;
		const rotated = rotateKeyring(sodium, keyring);
		const note = sealNoteFor(
			sodium,
			rotated.keyring,
			{ ref: 'SR-OLD1-0001', unit_key_id: keyring.keys[0].id },
			'Called the reporter back.'
		);
		const sealedKey = fromBase64url(note.key_for_unit);
		// A member left out of the rotation holds only the old keyring: it does not open the note.
		expect(anyKeyOpensSealed(sodium, keyring, sealedKey)).toBe(false);
		expect(anyKeyOpensSealed(sodium, rotated.keyring, sealedKey)).toBe(true);
	});
});

function anyKeyOpensSealed(sodium: Sodium, keyring: UnitKeyring, sealed: Uint8Array) {
	return keyring.keys.some((k) => {
		try {
			openSealedKey(sodium, sealed, sodium.crypto_scalarmult_base(k.sk), k.sk);
			return true;
		} catch {
			return false;
		}
	});
}
