import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { canonical, fromBase64url, toBase64url } from '../../src/lib/crypto/encoding';
import {
	recordHash,
	signCountersignature,
	signRecord,
	verifyCountersignature,
	verifyRecord
} from '../../src/lib/crypto/signed-record';
import { getSodium } from '../../src/lib/crypto/sodium';
import {
	CountersignatureSchema,
	DeviationRecordSchema
} from '../../src/lib/server/deviations/schema';

/** The code must still make exactly the bytes frozen in tests/vectors/signed-records.json. */
const vectors = JSON.parse(readFileSync('tests/vectors/signed-records.json', 'utf8'));

describe('signed-record vectors (DESIGN §5.7)', () => {
	it('deviation records, versions 1 and 2: canonical text and signature', async () => {
		const sodium = await getSodium();
		const author = sodium.crypto_sign_seed_keypair(sodium.from_hex(vectors.keys.author.seed_hex));
		expect(sodium.to_hex(author.publicKey)).toBe(vectors.keys.author.sign_pk_hex);
		expect(vectors.records.map((r: { record: { v: number } }) => r.record.v)).toEqual([1, 2]);
		for (const { record, canonical: text, signature_hex } of vectors.records) {
			expect(v.safeParse(DeviationRecordSchema, record).success).toBe(true);
			expect(canonical(record)).toBe(text);
			expect(sodium.to_hex(signRecord(sodium, record, author.privateKey))).toBe(signature_hex);
			expect(verifyRecord(sodium, record, sodium.from_hex(signature_hex), author.publicKey)).toBe(
				true
			);
		}
	});

	it('a countersignature: record hash, canonical body and signature', async () => {
		const sodium = await getSodium();
		const manager = sodium.crypto_sign_seed_keypair(
			sodium.from_hex(vectors.keys.line_manager.seed_hex)
		);
		expect(sodium.to_hex(manager.publicKey)).toBe(vectors.keys.line_manager.sign_pk_hex);
		const c = vectors.countersignature;
		expect(c.record_json).toBe(vectors.records[1].canonical);
		expect(recordHash(sodium, c.record_json)).toBe(c.record_hash_base64url);
		expect(c.body.record_hash).toBe(c.record_hash_base64url);
		expect(v.safeParse(CountersignatureSchema, c.body).success).toBe(true);
		expect(canonical(c.body)).toBe(c.canonical);
		expect(toBase64url(signCountersignature(sodium, c.body, manager.privateKey))).toBe(
			c.signature_base64url
		);
		const signature = fromBase64url(c.signature_base64url);
		expect(verifyCountersignature(sodium, c.body, signature, manager.publicKey)).toBe(true);
		// The author's key does not make the line manager's acknowledgement.
		const author = sodium.crypto_sign_seed_keypair(sodium.from_hex(vectors.keys.author.seed_hex));
		expect(verifyCountersignature(sodium, c.body, signature, author.publicKey)).toBe(false);
	});
});
