import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { parseWith } from '../../src/lib/server/staff/form';
import { DisableForm, RotateForm } from '../../src/lib/staff/schemas';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import type { Db } from '../../src/lib/server/db';
import { DomainError } from '../../src/lib/server/errors';
import {
	citableDeviations,
	countKeyHolders,
	keyHolderWarning
} from '../../src/lib/server/keyring/key-holders';
import { disableMember, removeGrant } from '../../src/lib/server/staff/team';
import { freshDb } from './support/db';
import { keyedUnit, signedDeviation } from './support/key-holders';

const refusal = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(e) => (e instanceof DomainError ? { status: e.status, code: e.code, message: e.message } : e)
	);

const snapshot = async (db: Db) => ({
	staff: await db.selectFrom('staff').select(['id', 'status']).orderBy('id').execute(),
	grants: await db.selectFrom('keyring_grants').select('staff_id').orderBy('staff_id').execute(),
	audit: (await db.selectFrom('audit_events').select('seq').execute()).length,
	citations: (await db.selectFrom('deviation_citations').select('deviation_id').execute()).length
});

/** Two holders (an admin and a reviewer), a second admin without the keyring and an analyst. */
async function twoHolders() {
	const { db } = await freshDb();
	const unit = await keyedUnit(db, [
		{ name: 'ada.admin', role: 'admin' },
		{ name: 'rita' },
		{ name: 'otto.admin', role: 'admin', holds: false },
		{ name: 'andy', role: 'analyst' }
	]);
	const m = unit.members;
	return { db, admin: m['ada.admin'], rita: m.rita, otto: m['otto.admin'], andy: m.andy };
}

describe('never fewer than two key holders', () => {
	it('refuses the last-but-one disable and grant removal, changing nothing', async () => {
		const { db, admin, rita } = await twoHolders();
		const before = await snapshot(db);
		for (const attempt of [
			disableMember(db, admin.row, rita.row.id),
			removeGrant(db, admin.row, rita.row.id, null)
		]) {
			const refused = await refusal(attempt);
			expect(refused).toMatchObject({ status: 409, code: 'too_few_key_holders' });
			expect((refused as { message: string }).message).toContain('only one member');
		}
		expect(await snapshot(db)).toEqual(before);
		expect(await keyHolderWarning(db)).toEqual({ holders: 2, tooFew: false });
	});

	it('counts only members who hold every key: a "new reports only" grant opens no older report', async () => {
		const { db, admin, rita } = await twoHolders();
		expect(await countKeyHolders(db)).toBe(2);
		const newest = await db.selectFrom('unit_keys').select('id').executeTakeFirstOrThrow();
		await db
			.updateTable('keyring_grants')
			.set({ keys_from: newest.id })
			.where('staff_id', '=', rita.row.id)
			.execute();
		expect(await countKeyHolders(db)).toBe(1);
		expect(await keyHolderWarning(db)).toEqual({ holders: 1, tooFew: true });
		// Taking a partial grant away leaves the whole-key holders as they were: no refusal.
		await removeGrant(db, admin.row, rita.row.id, null);
		expect(await countKeyHolders(db)).toBe(1);
	});

	it('allows it with the admin’s own signed deviation of the last hour, cited once and audited', async () => {
		const { db, admin, rita } = await twoHolders();
		const deviationId = await signedDeviation(db, admin);
		expect((await citableDeviations(db, admin.row)).map((d) => d.id)).toEqual([deviationId]);

		await disableMember(db, admin.row, rita.row.id, { deviationId });
		expect(await countKeyHolders(db)).toBe(1);
		expect(await keyHolderWarning(db)).toEqual({ holders: 1, tooFew: true });
		const line = await db
			.selectFrom('audit_events')
			.selectAll()
			.where('action', '=', 'staff.disable')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(line.detail_json)).toMatchObject({ deviation_id: deviationId });
		expect(await citableDeviations(db, admin.row)).toEqual([]);
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('does not take the same record twice, nor another member’s, nor an old one', async () => {
		const { db, admin, rita, otto } = await twoHolders();
		const used = await signedDeviation(db, admin);
		await disableMember(db, admin.row, rita.row.id, { deviationId: used });
		// Rita back with the keyring (as the staff administration page would), so two hold it again.
		await db.updateTable('staff').set({ status: 'active' }).where('id', '=', rita.row.id).execute();
		await db
			.insertInto('keyring_grants')
			.values({
				staff_id: rita.row.id,
				version: 1,
				sealed_keyring: new Uint8Array(64),
				granted_by: admin.row.id,
				granted_at: new Date().toISOString(),
				keys_from: null
			})
			.execute();
		const before = await snapshot(db);

		expect(await refusal(removeGrant(db, admin.row, rita.row.id, used))).toMatchObject({
			status: 409,
			code: 'deviation_already_cited'
		});
		const othersRecord = await signedDeviation(db, otto);
		expect(await refusal(removeGrant(db, admin.row, rita.row.id, othersRecord))).toMatchObject({
			status: 409,
			code: 'deviation_not_usable'
		});
		const old = await signedDeviation(db, admin, new Date(Date.now() - 2 * 60 * 60_000));
		expect(await refusal(removeGrant(db, admin.row, rita.row.id, old))).toMatchObject({
			status: 409,
			code: 'deviation_not_usable'
		});
		expect((await citableDeviations(db, admin.row)).map((d) => d.id)).toEqual([]);
		const after = await snapshot(db);
		// Only the records themselves were added (each with its own audit line).
		expect({ ...after, audit: after.audit - 2 }).toEqual(before);
	});

	it('lets a change through that takes the keyring from no one, even below two', async () => {
		const { db, admin, rita, andy, otto } = await twoHolders();
		await disableMember(db, admin.row, andy.row.id);
		await disableMember(db, admin.row, rita.row.id, {
			deviationId: await signedDeviation(db, admin)
		});
		expect(await countKeyHolders(db)).toBe(1);
		// Otto holds no keyring: disabling him leaves the one holder there was.
		await disableMember(db, admin.row, otto.row.id);
		expect(await countKeyHolders(db)).toBe(1);
	});
});

describe('the team page’s rotation and disable forms', () => {
	const uuid = '0b3c1a52-8f0e-4c57-9d43-0c3d1f4a9e11';
	const fields = (over: Record<string, string> = {}) => ({
		version: '2',
		unit_pk: toBase64url(new Uint8Array(32)),
		grants: JSON.stringify([
			{ staff_id: uuid, sealed_keyring: toBase64url(new Uint8Array(80)), scope: 'all' }
		]),
		removed: '[]',
		...over
	});
	const problem = (schema: v.GenericSchema, input: unknown) => {
		try {
			parseWith(schema, input);
			return null;
		} catch (e) {
			return e instanceof DomainError ? { status: e.status, field: e.field } : e;
		}
	};

	it('reads a well-formed rotation, with or without a deviation', () => {
		expect(problem(RotateForm, fields())).toBeNull();
		expect(parseWith(RotateForm, fields({ deviation_id: '' })).deviation_id).toBeNull();
		expect(parseWith(RotateForm, fields({ deviation_id: uuid })).deviation_id).toBe(uuid);
	});

	it('answers malformed lists, keys and choices with a 400 naming the field', () => {
		expect(problem(RotateForm, fields({ grants: '[{' }))).toEqual({ status: 400, field: 'grants' });
		expect(problem(RotateForm, fields({ grants: '[]' }))).toEqual({ status: 400, field: 'grants' });
		expect(
			problem(
				RotateForm,
				fields({ grants: JSON.stringify([{ staff_id: uuid, sealed_keyring: '!!', scope: 'all' }]) })
			)
		).toMatchObject({ status: 400, field: 'grants' });
		expect(problem(RotateForm, fields({ removed: '["x"]' }))).toMatchObject({ status: 400 });
		expect(problem(RotateForm, fields({ unit_pk: 'short' }))).toEqual({
			status: 400,
			field: 'unit_pk'
		});
		expect(problem(RotateForm, fields({ version: '1' }))).toEqual({
			status: 400,
			field: 'version'
		});
		expect(problem(RotateForm, fields({ deviation_id: 'nope' }))).toEqual({
			status: 400,
			field: 'deviation_id'
		});
		expect(problem(DisableForm, { member_id: uuid, rotate: 'maybe' })).toEqual({
			status: 400,
			field: 'rotate'
		});
		expect(problem(DisableForm, { member_id: uuid })).toBeNull();
	});
});
