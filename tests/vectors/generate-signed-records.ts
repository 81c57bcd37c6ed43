/**
 * Writes tests/vectors/signed-records.json: fixed inputs and the bytes that DESIGN §5.7's signed
 * records make from them — a policy-deviation record in versions 1 and 2, and a line manager's
 * countersignature of the version 2 record (docs/decisions.md). Ed25519 signatures are
 * deterministic, so every byte is reproducible by another libsodium binding. Run once with
 * `npx tsx`; tests/unit/signed-record-vectors.test.ts checks the code still makes every byte.
 */
import { writeFileSync } from 'node:fs';
import { canonical, toBase64url } from '../../src/lib/crypto/encoding';
import {
	recordHash,
	signCountersignature,
	signRecord,
	type Countersignature,
	type DeviationRecord
} from '../../src/lib/crypto/signed-record';
import { getSodium } from '../../src/lib/crypto/sodium';

const sodium = await getSodium();
const seed = (start: number) => Uint8Array.from({ length: 32 }, (_, i) => (start + i) & 255);
const author = sodium.crypto_sign_seed_keypair(seed(0x10));
const manager = sodium.crypto_sign_seed_keypair(seed(0x50));

const v1: DeviationRecord = {
	v: 1,
	kind: 'policy_deviation',
	staff_id: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
	at: '2026-11-30T21:04:05.678Z',
	report_ref: 'SR-7K3M-9QX2',
	text: 'Met the reporter at the outreach van, not the station — she would not come in. Sergeant told.'
};
const v2: DeviationRecord = {
	...v1,
	v: 2,
	line_manager_id: '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d'
};
const recordJson = canonical(v2);
const body: Countersignature = {
	v: 1,
	kind: 'deviation_countersignature',
	deviation_id: '3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b',
	record_hash: recordHash(sodium, recordJson),
	staff_id: v2.line_manager_id,
	at: '2026-11-30T22:10:00.000Z',
	comment: 'Right call. Book a car for the next visit — ü, ß and 😀 are signed as UTF-8.'
};

const vectors = {
	description:
		'DESIGN §5.7 signed records: signature = crypto_sign_detached(utf8(canonical(record)), sign_sk); a countersignature binds record_hash = base64url(crypto_generichash(32, utf8(record_json))). Binary values are hex unless named base64url.',
	keys: {
		author: { seed_hex: sodium.to_hex(seed(0x10)), sign_pk_hex: sodium.to_hex(author.publicKey) },
		line_manager: {
			seed_hex: sodium.to_hex(seed(0x50)),
			sign_pk_hex: sodium.to_hex(manager.publicKey)
		}
	},
	records: [v1, v2].map((record) => ({
		record,
		canonical: canonical(record),
		signature_hex: sodium.to_hex(signRecord(sodium, record, author.privateKey))
	})),
	countersignature: {
		record_json: recordJson,
		record_hash_base64url: body.record_hash,
		body,
		canonical: canonical(body),
		signature_base64url: toBase64url(signCountersignature(sodium, body, manager.privateKey))
	}
};

writeFileSync('tests/vectors/signed-records.json', JSON.stringify(vectors, null, '\t') + '\n');
