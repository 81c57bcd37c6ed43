import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonical, fromUtf8, toBase64url, utf8 } from '../../src/lib/crypto/encoding';
import { decryptFile, fileKey, type FileContext } from '../../src/lib/crypto/file-stream';
import { unitKeyIdOf } from '../../src/lib/crypto/keyring';
import { messageAd, openPadded } from '../../src/lib/crypto/message-box';
import { openReport, openSealedKey, reportAd } from '../../src/lib/crypto/report-box';
import {
	checkReportCode,
	deriveReporterSecrets,
	formatReportCode,
	normalizeReportCode
} from '../../src/lib/crypto/report-code';
import { getSodium, type Sodium } from '../../src/lib/crypto/sodium';
import { fingerprint } from '../../src/lib/crypto/staff-keys';

/** The code must still make exactly the bytes frozen in tests/vectors/protocol-v1.json. */
const vectors = JSON.parse(readFileSync('tests/vectors/protocol-v1.json', 'utf8'));
let sodium: Sodium;
const bin = (hex: string) => sodium.from_hex(hex);
const hex = (bytes: Uint8Array) => sodium.to_hex(bytes);

beforeAll(async () => {
	sodium = await getSodium();
});

describe('protocol v1 vectors: report codes (§5.1)', () => {
	it('check characters, formatting and a caught typo', () => {
		for (const v of vectors.report_codes) {
			expect(hex(sodium.crypto_generichash(16, utf8(v.data23), null))).toBe(v.hash16_hex);
			expect(checkReportCode(sodium, v.code)).toEqual({ ok: true, code: v.code });
			expect(checkReportCode(sodium, v.formatted.toLowerCase())).toEqual({
				ok: true,
				code: v.code
			});
			expect(formatReportCode(v.code)).toBe(v.formatted);
			const wrong = v.code.slice(0, 24) + (v.code[24] === 'A' ? 'B' : 'A');
			expect(checkReportCode(sodium, wrong)).toEqual({ ok: false, reason: 'typo' });
		}
	});

	it('normalization', () => {
		for (const v of vectors.normalization) {
			expect(normalizeReportCode(v.input)).toBe(v.normalized);
		}
	});

	it('root, lookup, lookup hash and reporter key pair', () => {
		const v = vectors.reporter_derivation;
		const secrets = deriveReporterSecrets(sodium, v.code);
		expect(hex(sodium.crypto_generichash(32, utf8(v.code), null))).toBe(v.root_hex);
		expect(hex(secrets.lookup)).toBe(v.lookup_hex);
		expect(toBase64url(secrets.lookup)).toBe(v.lookup_b64url);
		expect(hex(secrets.lookupHash)).toBe(v.lookup_hash_hex);
		expect(hex(sodium.crypto_kdf_derive_from_key(32, 2, 'rpttokn1', bin(v.root_hex)))).toBe(
			v.reporter_seed_hex
		);
		expect(hex(secrets.publicKey)).toBe(v.reporter_pk_hex);
		expect(hex(secrets.privateKey)).toBe(v.reporter_sk_hex);
	});
});

describe('protocol v1 vectors: report, files, messages (§5.2–5.3)', () => {
	it('unit key id and fingerprint', () => {
		const v = vectors.unit_key;
		const pair = sodium.crypto_box_seed_keypair(bin(v.seed_hex));
		expect(hex(pair.publicKey)).toBe(v.public_key_hex);
		expect(unitKeyIdOf(sodium, pair.publicKey)).toBe(v.unit_key_id);
		expect(fingerprint(sodium, pair.publicKey)).toBe(v.fingerprint);
	});

	it('padding, associated data and AEAD bytes with fixed K and nonce', () => {
		const v = vectors.report;
		expect(canonical(v.envelope)).toBe(v.canonical_envelope);
		const ad = reportAd(v.unit_key_id, v.envelope);
		expect(fromUtf8(ad)).toBe(v.ad_utf8);
		expect(v.ad_utf8).toBe(`rpt1|${v.unit_key_id}|${v.canonical_envelope}`);
		const padded = sodium.pad(utf8(v.body_json), 1024);
		expect(padded.length).toBe(v.padded_length);
		expect(hex(padded)).toBe(v.padded_hex);
		const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
			padded,
			ad,
			null,
			bin(v.nonce_hex),
			bin(v.K_hex)
		);
		expect(hex(ciphertext)).toBe(v.ciphertext_hex);
		const opened = openReport(sodium, {
			key: bin(v.K_hex),
			nonce: bin(v.nonce_hex),
			ciphertext,
			unitKeyId: v.unit_key_id,
			envelope: v.envelope
		});
		expect(opened).toEqual(JSON.parse(v.body_json));
		expect(() =>
			openReport(sodium, {
				key: bin(v.K_hex),
				nonce: bin(v.nonce_hex),
				ciphertext,
				unitKeyId: v.unit_key_id,
				envelope: { ...v.envelope, warn: false }
			})
		).toThrow();
	});

	it('stored sealed keys open with the unit key and with the reporter key', () => {
		const unit = sodium.crypto_box_seed_keypair(bin(vectors.unit_key.seed_hex));
		const r = vectors.reporter_derivation;
		expect(
			hex(
				openSealedKey(
					sodium,
					bin(vectors.report.stored_key_for_unit_hex),
					unit.publicKey,
					unit.privateKey
				)
			)
		).toBe(vectors.report.K_hex);
		expect(
			hex(
				openSealedKey(
					sodium,
					bin(vectors.report.stored_key_for_reporter_hex),
					bin(r.reporter_pk_hex),
					bin(r.reporter_sk_hex)
				)
			)
		).toBe(vectors.report.K_hex);
	});

	it('file subkeys, and a stored file decrypts', () => {
		const v = vectors.files;
		for (const s of v.subkeys) {
			expect(hex(fileKey(sodium, bin(v.parent_key_hex), s.index, s.context as FileContext))).toBe(
				s.key_hex
			);
			expect(
				hex(sodium.crypto_kdf_derive_from_key(32, s.subkey_id, s.context, bin(v.parent_key_hex)))
			).toBe(s.key_hex);
		}
		const plain = decryptFile(
			sodium,
			bin(v.parent_key_hex),
			v.stored.index,
			v.stored.context,
			bin(v.stored.stored_hex)
		);
		expect(hex(plain)).toBe(v.stored.plaintext_hex);
	});

	it('message padding, associated data and AEAD bytes', () => {
		const v = vectors.message;
		const ad = messageAd(v.report_ref, v.direction);
		expect(fromUtf8(ad)).toBe(v.ad_utf8);
		const padded = sodium.pad(utf8(v.body_json), 256);
		expect(padded.length).toBe(v.padded_length);
		const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
			padded,
			ad,
			null,
			bin(v.nonce_hex),
			bin(v.M_hex)
		);
		expect(hex(ciphertext)).toBe(v.ciphertext_hex);
		expect(
			openPadded(sodium, { key: bin(v.M_hex), nonce: bin(v.nonce_hex), ciphertext, ad })
		).toEqual(JSON.parse(v.body_json));
		const r = vectors.reporter_derivation;
		expect(
			hex(
				openSealedKey(
					sodium,
					bin(v.stored_key_for_reporter_hex),
					bin(r.reporter_pk_hex),
					bin(r.reporter_sk_hex)
				)
			)
		).toBe(v.M_hex);
	});
});
