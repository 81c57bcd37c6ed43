import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { signRecord, type DeviationRecordV1 } from '../../src/lib/crypto/signed-record';
import { getSodium } from '../../src/lib/crypto/sodium';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import { verifyDeviationSignatures } from '../../src/lib/server/audit/signatures';
import { listDeviations, verifyAllDeviations } from '../../src/lib/server/deviations/list';
import { recordDeviation } from '../../src/lib/server/deviations/record';
import { DeviationForm } from '../../src/lib/server/deviations/schema';
import * as v from 'valibot';
import { freshDb } from './support/db';
import { insertQueueReport } from './support/reports';
import { insertStaff } from './support/staff';
import { DomainError } from '../../src/lib/server/errors';

async function setup() {
	const sodium = await getSodium();
	const { db } = await freshDb();
	const keys = sodium.crypto_sign_keypair();
	const other = sodium.crypto_sign_keypair();
	const staff = await insertStaff(db, { id: 'rev-1', username: 'rev-1', sign_pk: keys.publicKey });
	await insertStaff(db, { id: 'rev-2', username: 'rev-2', sign_pk: other.publicKey });
	await insertQueueReport(db, { ref: 'SR-AAAA-BBBB', createdAt: new Date().toISOString() });
	const record = (over: Partial<DeviationRecordV1> = {}): DeviationRecordV1 => ({
		v: 1,
		kind: 'policy_deviation',
		staff_id: 'rev-1',
		at: new Date().toISOString(),
		report_ref: 'SR-AAAA-BBBB',
		text: 'Shared the vehicle registration with the liaison officer before the reporter agreed.',
		...over
	});
	const sign = (r: DeviationRecordV1, sk = keys.privateKey) => signRecord(sodium, r, sk);
	const counts = async () => ({
		deviations: (await db.selectFrom('deviations').select('id').execute()).length,
		audit: (await db.selectFrom('audit_events').select('seq').execute()).length
	});
	return { db, staff, record, sign, counts, other };
}

const refusal = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(e) => (e instanceof DomainError ? { status: e.status, message: e.message } : e)
	);

describe('policy-deviation records', () => {
	it('stores a signed record with its audit line, which names the report but not the text', async () => {
		const { db, staff, record, sign, counts } = await setup();
		const r = record();
		const { id } = await recordDeviation(db, staff, { record: r, signature: sign(r) });
		expect(await counts()).toEqual({ deviations: 1, audit: 1 });
		const audit = await db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow();
		expect(audit).toMatchObject({ action: 'deviation.recorded', subject: 'SR-AAAA-BBBB' });
		expect(JSON.parse(audit.detail_json)).toEqual({ deviation_id: id });
		const { items } = await listDeviations(db);
		expect(items).toEqual([
			expect.objectContaining({ id, author: 'rev-1', reportRef: 'SR-AAAA-BBBB', verified: true })
		]);
		expect(await verifyDeviationSignatures(db)).toEqual({ ok: true, count: 1 });
		expect((await verifyAuditChain(db)).ok).toBe(true);

		// Stand-alone: no report.
		const alone = record({ report_ref: null });
		await recordDeviation(db, staff, { record: alone, signature: sign(alone) });
		expect((await verifyAllDeviations(db)).verified).toBe(2);
	});

	it('refuses a bad signature, another member, a stale date and an unknown report: nothing stored', async () => {
		const { db, staff, record, sign, counts, other } = await setup();
		const r = record();
		const forged = sign(r, other.privateKey);
		expect(await refusal(recordDeviation(db, staff, { record: r, signature: forged }))).toEqual({
			status: 400,
			message: expect.stringContaining('does not match your key')
		});
		const altered = { ...r, text: r.text + ' (edited)' };
		expect(
			await refusal(recordDeviation(db, staff, { record: altered, signature: sign(r) }))
		).toMatchObject({ status: 400 });
		const someoneElse = record({ staff_id: 'rev-2' });
		expect(
			await refusal(
				recordDeviation(db, staff, { record: someoneElse, signature: sign(someoneElse) })
			)
		).toMatchObject({ status: 400 });
		const stale = record({ at: new Date(Date.now() - 20 * 60_000).toISOString() });
		expect(
			await refusal(recordDeviation(db, staff, { record: stale, signature: sign(stale) }))
		).toMatchObject({ status: 400, message: expect.stringContaining('clock') });
		const unknown = record({ report_ref: 'SR-ZZZZ-ZZZZ' });
		expect(
			await refusal(recordDeviation(db, staff, { record: unknown, signature: sign(unknown) }))
		).toMatchObject({ status: 404 });
		expect(await counts()).toEqual({ deviations: 0, audit: 0 });
	});

	it('a stored record whose text is changed fails verification, by id', async () => {
		const { db, staff, record, sign } = await setup();
		const r = record();
		const { id } = await recordDeviation(db, staff, { record: r, signature: sign(r) });
		const row = await db.selectFrom('deviations').selectAll().executeTakeFirstOrThrow();
		await db
			.updateTable('deviations')
			.set({ record_json: row.record_json.replace('before', 'after') })
			.execute();
		expect((await listDeviations(db)).items[0].verified).toBe(false);
		expect(await verifyAllDeviations(db)).toMatchObject({ count: 1, verified: 0 });
		expect(await verifyDeviationSignatures(db)).toEqual({ ok: false, count: 0, badId: id });
	});

	it('the command line flags a record whose stored date alone was changed, as the pages do', async () => {
		const { db, staff, record, sign } = await setup();
		const r = record();
		const { id } = await recordDeviation(db, staff, { record: r, signature: sign(r) });
		const backdated = new Date(Date.parse(r.at) - 7 * 86_400_000).toISOString();
		await db.updateTable('deviations').set({ at: backdated }).where('id', '=', id).execute();
		expect((await listDeviations(db)).items[0].verified).toBe(false);
		expect(await verifyAllDeviations(db)).toMatchObject({ count: 1, verified: 0 });
		expect(await verifyDeviationSignatures(db)).toEqual({ ok: false, count: 0, badId: id });
	});

	it('the command line flags a record whose stored author alone was changed, as the pages do', async () => {
		const { db, staff, record, sign } = await setup();
		const r = record();
		const { id } = await recordDeviation(db, staff, { record: r, signature: sign(r) });
		// A second account holding the same signing key, so only the author column differs.
		await insertStaff(db, { id: 'rev-3', username: 'rev-3', sign_pk: staff.sign_pk });
		await db.updateTable('deviations').set({ staff_id: 'rev-3' }).where('id', '=', id).execute();
		expect((await listDeviations(db)).items[0].verified).toBe(false);
		expect(await verifyAllDeviations(db)).toMatchObject({ count: 1, verified: 0 });
		expect(await verifyDeviationSignatures(db)).toEqual({ ok: false, count: 0, badId: id });
	});

	it('the form schema takes only the fields of the protocol', async () => {
		const { record, sign } = await setup();
		const r = record();
		const signature = toBase64url(sign(r));
		expect(v.safeParse(DeviationForm, { record: JSON.stringify(r), signature }).success).toBe(true);
		for (const bad of [
			{ record: JSON.stringify({ ...r, extra: 1 }), signature },
			{ record: JSON.stringify({ ...r, text: 'too short' }), signature },
			{ record: JSON.stringify({ ...r, report_ref: 'nope' }), signature },
			{ record: '{not json', signature },
			{ record: JSON.stringify(r), signature: 'AAAA' }
		]) {
			expect(v.safeParse(DeviationForm, bad).success).toBe(false);
		}
	});
});
