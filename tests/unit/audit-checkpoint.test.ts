import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { getSodium } from '../../src/lib/crypto/sodium';
import { withAudit } from '../../src/lib/server/audit/chain';
import {
	checkpointMessage,
	verifyCheckpoint,
	type CheckpointBody
} from '../../src/lib/server/audit/checkpoint';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import type { Db } from '../../src/lib/server/db';
import { freshDb } from './support/db';
import { insertStaffRow } from './support/staff';

const append = (db: Db, n: number, tag: string) =>
	(async () => {
		for (let i = 0; i < n; i++) {
			await withAudit(db, async () => ({
				result: null,
				audit: { actorId: 'admin-1', action: 'test', detail: { tag, i } }
			}));
		}
	})();

async function setup() {
	const sodium = await getSodium();
	const { db } = await freshDb();
	const keys = sodium.crypto_sign_keypair();
	await insertStaffRow(db, {
		id: 'admin-1',
		username: 'admin',
		role: 'admin',
		sign_pk: keys.publicKey
	});
	await append(db, 5, 'original');
	const head = await verifyAuditChain(db);
	if (!head.ok) {
		throw new Error('chain broken');
	}
	const body: CheckpointBody = {
		v: 1,
		kind: 'audit_checkpoint',
		staff_id: 'admin-1',
		at: new Date().toISOString(),
		head_seq: head.headSeq,
		head_hash: toBase64url(head.headHash)
	};
	const file = {
		...body,
		sign_pk: toBase64url(keys.publicKey),
		signature: toBase64url(sodium.crypto_sign_detached(checkpointMessage(body), keys.privateKey))
	};
	return { db, file, sodium };
}

describe('signed audit checkpoint', () => {
	it('holds while the chain only grows', async () => {
		const { db, file } = await setup();
		expect(await verifyCheckpoint(db, file)).toEqual({ ok: true });
		await append(db, 3, 'later');
		expect(await verifyCheckpoint(db, file)).toEqual({ ok: true });
	});

	it('detects a chain cut back before the checkpoint, though the rest still links', async () => {
		const { db, file } = await setup();
		await sql`delete from audit_events where seq >= 4`.execute(db);
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 3 });
		expect(await verifyCheckpoint(db, file)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/truncated/)
		});
	});

	it('detects a chain rewritten from the start, though it links perfectly', async () => {
		const { db, file } = await setup();
		await sql`delete from audit_events`.execute(db);
		await append(db, 5, 'forged');
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 5 });
		expect(await verifyCheckpoint(db, file)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/rewritten/)
		});
	});

	it('refuses an altered checkpoint or one signed by another key', async () => {
		const { db, file, sodium } = await setup();
		expect(await verifyCheckpoint(db, { ...file, head_seq: 4 })).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/signature/)
		});
		const other = sodium.crypto_sign_keypair();
		const { sign_pk: _pk, signature: _sig, ...body } = file;
		const forged = {
			...body,
			sign_pk: toBase64url(other.publicKey),
			signature: toBase64url(sodium.crypto_sign_detached(checkpointMessage(body), other.privateKey))
		};
		expect(await verifyCheckpoint(db, forged)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/not signed by/)
		});
	});
});
