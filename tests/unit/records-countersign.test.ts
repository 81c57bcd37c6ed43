import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { canonical, toBase64url } from '../../src/lib/crypto/encoding';
import {
	recordHash,
	signCountersignature,
	signRecord,
	type Countersignature,
	type DeviationRecord
} from '../../src/lib/crypto/signed-record';
import { getSodium } from '../../src/lib/crypto/sodium';
import {
	verifyCountersignatures,
	verifyDeviationSignatures
} from '../../src/lib/server/audit/signatures';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import {
	awaitingAcknowledgementBy,
	deviationsAwaitingAcknowledgement
} from '../../src/lib/server/deviations/awaiting';
import { countersignDeviation } from '../../src/lib/server/deviations/countersign';
import { listDeviations, verifyAllDeviations } from '../../src/lib/server/deviations/list';
import { recordDeviation } from '../../src/lib/server/deviations/record';
import { CountersignForm, DeviationForm } from '../../src/lib/server/deviations/schema';
import { DomainError } from '../../src/lib/server/errors';
import { freshDb } from './support/db';
import { insertQueueReport } from './support/reports';
import { insertStaff } from './support/staff';

const TEXT = 'Met the reporter at the outreach van instead of the station, as she asked.';

async function setup() {
	const sodium = await getSodium();
	const { db } = await freshDb();
	const pair = () => sodium.crypto_sign_keypair();
	const keys = { author: pair(), manager: pair(), other: pair() };
	const author = await insertStaff(db, {
		id: 'author',
		username: 'amy',
		sign_pk: keys.author.publicKey
	});
	const manager = await insertStaff(db, {
		id: 'manager',
		username: 'sergeant.sam',
		role: 'admin',
		sign_pk: keys.manager.publicKey
	});
	const other = await insertStaff(db, {
		id: 'other',
		username: 'olly',
		sign_pk: keys.other.publicKey
	});
	await insertStaff(db, { id: 'analyst', username: 'ana', role: 'analyst' });
	await insertStaff(db, { id: 'gone', username: 'gone', status: 'disabled' });
	await insertQueueReport(db, { ref: 'SR-AAAA-BBBB', createdAt: new Date().toISOString() });

	const record = (over: Partial<DeviationRecord> = {}) =>
		({
			v: 2,
			kind: 'policy_deviation',
			staff_id: 'author',
			at: new Date().toISOString(),
			report_ref: 'SR-AAAA-BBBB',
			text: TEXT,
			line_manager_id: 'manager',
			...over
		}) as DeviationRecord;
	const store = async (r: DeviationRecord = record()) =>
		(
			await recordDeviation(db, author, {
				record: r,
				signature: signRecord(sodium, r, keys.author.privateKey)
			})
		).id;
	const storedJson = async (id: string) =>
		(
			await db
				.selectFrom('deviations')
				.select('record_json')
				.where('id', '=', id)
				.executeTakeFirstOrThrow()
		).record_json;
	const body = async (
		id: string,
		over: Partial<Countersignature> = {}
	): Promise<Countersignature> => ({
		v: 1,
		kind: 'deviation_countersignature',
		deviation_id: id,
		record_hash: recordHash(sodium, await storedJson(id)),
		staff_id: 'manager',
		at: new Date().toISOString(),
		comment: 'Agreed on the phone at 22:10; review at the next supervision.',
		...over
	});
	const sign = (b: Countersignature, sk = keys.manager.privateKey) =>
		signCountersignature(sodium, b, sk);
	const counts = async () => ({
		acks: (await db.selectFrom('deviation_countersignatures').select('deviation_id').execute())
			.length,
		audit: (await db.selectFrom('audit_events').select('seq').execute()).length
	});
	return { sodium, db, keys, author, manager, other, record, store, body, sign, counts };
}

const refusal = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(e) =>
			e instanceof DomainError
				? { status: e.status, code: e.code, field: e.field, message: e.message }
				: e
	);

describe('deviation records name a line manager (record version 2)', () => {
	it('stores the named line manager beside the signed record; the record verifies', async () => {
		const { db, store } = await setup();
		const id = await store();
		const row = await db.selectFrom('deviations').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ id, line_manager_id: 'manager' });
		expect(JSON.parse(row.record_json)).toMatchObject({ v: 2, line_manager_id: 'manager' });
		const { items } = await listDeviations(db);
		expect(items[0]).toMatchObject({
			verified: true,
			acknowledgement: { state: 'waiting', lineManager: 'sergeant.sam' }
		});
	});

	it('refuses the author, an analyst, a disabled or unknown member as line manager: nothing stored', async () => {
		const { db, record, store, counts } = await setup();
		for (const who of ['author', 'analyst', 'gone', 'nobody']) {
			expect(await refusal(store(record({ line_manager_id: who }))), who).toMatchObject({
				status: 400,
				field: 'line_manager_id'
			});
		}
		expect(await db.selectFrom('deviations').select('id').execute()).toEqual([]);
		expect((await counts()).audit).toBe(0);
	});

	it('a version 1 record still stores and verifies, names nobody, and waits for no one', async () => {
		const { db, sodium, keys, author } = await setup();
		const v1: DeviationRecord = {
			v: 1,
			kind: 'policy_deviation',
			staff_id: 'author',
			at: new Date().toISOString(),
			report_ref: null,
			text: TEXT
		};
		await recordDeviation(db, author, {
			record: v1,
			signature: signRecord(sodium, v1, keys.author.privateKey)
		});
		expect((await listDeviations(db)).items[0]).toMatchObject({
			verified: true,
			acknowledgement: { state: 'none' }
		});
		expect(await verifyDeviationSignatures(db)).toEqual({ ok: true, count: 1 });
		expect(await deviationsAwaitingAcknowledgement(db)).toBe(0);
	});

	it('a line manager changed in SQL makes the record fail verification', async () => {
		const { db, store } = await setup();
		const id = await store();
		await db.updateTable('deviations').set({ line_manager_id: 'other' }).execute();
		expect(await verifyDeviationSignatures(db)).toEqual({ ok: false, count: 0, badId: id });
	});

	it('the form schema takes version 1 and 2 records, each with exactly its own fields', async () => {
		const { sodium, keys, record } = await setup();
		const form = (r: object) => ({
			record: JSON.stringify(r),
			signature: toBase64url(signRecord(sodium, r as DeviationRecord, keys.author.privateKey))
		});
		const v2 = record();
		const { line_manager_id: _unused, ...v1body } = v2 as Extract<DeviationRecord, { v: 2 }>;
		expect(v.safeParse(DeviationForm, form(v2)).success).toBe(true);
		expect(v.safeParse(DeviationForm, form({ ...v1body, v: 1 })).success).toBe(true);
		for (const bad of [
			{ ...v1body, v: 2 },
			{ ...v2, v: 1 },
			{ ...v2, v: 3 },
			{ ...v2, line_manager_id: '' },
			{ ...v2, line_manager_id: 7 }
		]) {
			expect(v.safeParse(DeviationForm, form(bad)).success, JSON.stringify(bad)).toBe(false);
		}
	});
});

describe('countersigning a deviation record', () => {
	it('the named line manager countersigns once, with a comment; it verifies and is audited', async () => {
		const { db, manager, store, body, sign, counts } = await setup();
		const id = await store();
		expect(await deviationsAwaitingAcknowledgement(db)).toBe(1);
		// The alerts digest names a waiting record in the period it was made, and only then.
		const hour = 3_600_000;
		const around = (from: number, to: number) => ({
			from: new Date(Date.now() + from).toISOString(),
			to: new Date(Date.now() + to).toISOString()
		});
		expect(await deviationsAwaitingAcknowledgement(db, around(-hour, hour))).toBe(1);
		expect(await deviationsAwaitingAcknowledgement(db, around(hour, 2 * hour))).toBe(0);
		expect(await awaitingAcknowledgementBy(db, 'manager')).toEqual([
			expect.objectContaining({ id, author: 'amy' })
		]);
		expect(await awaitingAcknowledgementBy(db, 'other')).toEqual([]);

		const b = await body(id);
		await countersignDeviation(db, manager, id, { body: b, signature: sign(b) });
		expect(await counts()).toEqual({ acks: 1, audit: 2 });
		const audit = await db
			.selectFrom('audit_events')
			.selectAll()
			.orderBy('seq', 'desc')
			.executeTakeFirstOrThrow();
		expect(audit).toMatchObject({
			action: 'deviation.countersign',
			actor_id: 'manager',
			subject: 'SR-AAAA-BBBB'
		});
		// The comment lives in the signed body, not in the audit line.
		expect(JSON.parse(audit.detail_json)).toEqual({ deviation_id: id });
		const stored = await db
			.selectFrom('deviation_countersignatures')
			.selectAll()
			.executeTakeFirstOrThrow();
		expect(stored.body_json).toBe(canonical(b));
		expect((await listDeviations(db)).items[0].acknowledgement).toEqual({
			state: 'acknowledged',
			by: 'sergeant.sam',
			at: b.at,
			comment: b.comment,
			verified: true
		});
		expect(await verifyCountersignatures(db)).toEqual({ ok: true, count: 1 });
		expect((await verifyAuditChain(db)).ok).toBe(true);
		expect(await deviationsAwaitingAcknowledgement(db)).toBe(0);
		expect(await awaitingAcknowledgementBy(db, 'manager')).toEqual([]);

		// Once only.
		const again = await body(id, { comment: 'Second thoughts.' });
		expect(
			await refusal(countersignDeviation(db, manager, id, { body: again, signature: sign(again) }))
		).toMatchObject({ status: 409, code: 'already_acknowledged' });
		expect(await counts()).toEqual({ acks: 1, audit: 2 });
	});

	it('anyone but the named line manager gets 403, even with a valid signature of their own', async () => {
		const { db, keys, author, other, store, body, sign, counts } = await setup();
		const id = await store();
		for (const [who, sk] of [
			[other, keys.other.privateKey],
			[author, keys.author.privateKey]
		] as const) {
			const b = await body(id, { staff_id: who.id });
			expect(
				await refusal(countersignDeviation(db, who, id, { body: b, signature: sign(b, sk) })),
				who.username
			).toMatchObject({ status: 403 });
		}
		expect(await counts()).toEqual({ acks: 0, audit: 1 });
	});

	it('a version 1 record names no line manager, so nobody can countersign it', async () => {
		const { db, sodium, keys, author, manager, body, sign, counts } = await setup();
		const v1: DeviationRecord = {
			v: 1,
			kind: 'policy_deviation',
			staff_id: 'author',
			at: new Date().toISOString(),
			report_ref: null,
			text: TEXT
		};
		const { id } = await recordDeviation(db, author, {
			record: v1,
			signature: signRecord(sodium, v1, keys.author.privateKey)
		});
		const b = await body(id);
		expect(
			await refusal(countersignDeviation(db, manager, id, { body: b, signature: sign(b) }))
		).toMatchObject({ status: 403 });
		expect((await counts()).acks).toBe(0);
	});

	it('a wrong signature, another record’s hash, another member or a stale date gets 400: nothing stored', async () => {
		const { db, keys, manager, store, record, body, sign, counts } = await setup();
		const id = await store();
		const otherId = await store(record({ text: TEXT + ' A second record.' }));
		const before = await counts();
		const good = await body(id);
		const cases: [string, Countersignature, Uint8Array][] = [
			['signed by another key', good, sign(good, keys.other.privateKey)],
			['body changed after signing', { ...good, comment: 'Edited.' }, sign(good)],
			[
				'hash of another record',
				await body(id, { record_hash: (await body(otherId)).record_hash }),
				new Uint8Array()
			],
			['names another member', await body(id, { staff_id: 'other' }), new Uint8Array()],
			[
				'stale date',
				await body(id, { at: new Date(Date.now() - 3_600_000).toISOString() }),
				new Uint8Array()
			],
			['for another record', await body(otherId), new Uint8Array()]
		];
		for (const [label, b, signature] of cases) {
			const sig = signature.length ? signature : sign(b);
			expect(
				await refusal(countersignDeviation(db, manager, id, { body: b, signature: sig })),
				label
			).toMatchObject({ status: 400 });
		}
		expect(await counts()).toEqual(before);
	});

	it('a record changed in SQL cannot be countersigned', async () => {
		const { db, manager, store, body, sign } = await setup();
		const id = await store();
		const b = await body(id);
		const row = await db.selectFrom('deviations').select('record_json').executeTakeFirstOrThrow();
		await db
			.updateTable('deviations')
			.set({ record_json: row.record_json.replace('outreach van', 'police station') })
			.execute();
		expect(
			await refusal(countersignDeviation(db, manager, id, { body: b, signature: sign(b) }))
		).toMatchObject({ status: 409, code: 'record_unverified' });
	});

	it('a countersignature, comment or record changed in SQL afterwards fails verification', async () => {
		const { db, manager, store, body, sign } = await setup();
		const id = await store();
		const b = await body(id);
		await countersignDeviation(db, manager, id, { body: b, signature: sign(b) });
		const original = await db
			.selectFrom('deviation_countersignatures')
			.selectAll()
			.executeTakeFirstOrThrow();
		const failsThen = async (label: string) => {
			expect(await verifyCountersignatures(db), label).toEqual({ ok: false, count: 0, badId: id });
			expect((await listDeviations(db)).items[0].acknowledgement, label).toMatchObject({
				state: 'acknowledged',
				verified: false
			});
			expect((await verifyAllDeviations(db)).countersignatures.failed, label).toEqual([
				expect.objectContaining({ id, author: 'sergeant.sam' })
			]);
			await db.updateTable('deviation_countersignatures').set(original).execute();
			expect(await verifyCountersignatures(db)).toEqual({ ok: true, count: 1 });
		};

		const flipped = new Uint8Array(original.signature);
		flipped[10] ^= 0x01;
		await db.updateTable('deviation_countersignatures').set({ signature: flipped }).execute();
		await failsThen('signature byte flipped');

		await db
			.updateTable('deviation_countersignatures')
			.set({ body_json: original.body_json.replace('22:10', '23:10') })
			.execute();
		await failsThen('comment changed');

		await db
			.updateTable('deviation_countersignatures')
			.set({ at: new Date(0).toISOString() })
			.execute();
		await failsThen('date changed');

		// The record under it changed: the record fails, and so does the acknowledgement bound to it.
		const record = await db
			.selectFrom('deviations')
			.select('record_json')
			.executeTakeFirstOrThrow();
		await db
			.updateTable('deviations')
			.set({ record_json: record.record_json.replace('outreach van', 'police station') })
			.execute();
		expect(await verifyDeviationSignatures(db)).toMatchObject({ ok: false, badId: id });
		expect(await verifyCountersignatures(db)).toMatchObject({ ok: false, badId: id });
	});

	it('a countersignature deleted in SQL is missed: the audit log still records it', async () => {
		const { db, manager, store, body, sign } = await setup();
		const id = await store();
		const b = await body(id);
		await countersignDeviation(db, manager, id, { body: b, signature: sign(b) });
		await db.deleteFrom('deviation_countersignatures').execute();
		expect(await verifyCountersignatures(db)).toEqual({
			ok: false,
			count: 0,
			badId: id,
			missing: true
		});
		expect((await verifyAllDeviations(db)).countersignatures).toMatchObject({
			count: 1,
			verified: 0,
			failed: [{ id, author: 'sergeant.sam', missing: true }]
		});
	});

	it('the countersigning form takes exactly the fields of a countersignature', async () => {
		const { store, body, sign } = await setup();
		const id = await store();
		const b = await body(id);
		const form = (over: object, signature = toBase64url(sign(b))) => ({
			body: JSON.stringify({ ...b, ...over }),
			signature
		});
		expect(v.safeParse(CountersignForm, form({})).success).toBe(true);
		expect(v.safeParse(CountersignForm, form({ comment: '' })).success).toBe(true);
		expect(v.safeParse(CountersignForm, form({ comment: 'x'.repeat(1000) })).success).toBe(true);
		for (const [label, bad] of [
			['comment too long', form({ comment: 'x'.repeat(1001) })],
			['extra field', form({ extra: true })],
			[
				'no comment field',
				{ body: JSON.stringify({ ...b, comment: undefined }), signature: form({}).signature }
			],
			['bad hash', form({ record_hash: 'short' })],
			['bad id', form({ deviation_id: 'not-a-uuid' })],
			['bad date', form({ at: 'yesterday' })],
			['other kind', form({ kind: 'audit_checkpoint' })],
			['short signature', form({}, 'AAAA')],
			['not JSON', { body: '{not json', signature: form({}).signature }]
		] as const) {
			expect(v.safeParse(CountersignForm, bad).success, label).toBe(false);
		}
	});
});
