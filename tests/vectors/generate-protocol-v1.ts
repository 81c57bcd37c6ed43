/**
 * Writes tests/vectors/protocol-v1.json: fixed inputs and the bytes protocol v1 (DESIGN §5.1–5.3)
 * makes from them, so another libsodium binding can be checked against this one. Random parts
 * (sealed boxes, secretstream headers) cannot be fixed: for those the file holds stored values
 * made with fixed keys, which any binding must open. Run once with `npx tsx`; the unit test
 * tests/unit/protocol-vectors.test.ts checks the code still reproduces every byte.
 */
import { writeFileSync } from 'node:fs';
import { canonical, toBase64url, utf8 } from '../../src/lib/crypto/encoding';
import { encryptFile, fileKey } from '../../src/lib/crypto/file-stream';
import { unitKeyIdOf } from '../../src/lib/crypto/keyring';
import { messageAd } from '../../src/lib/crypto/message-box';
import { reportAd } from '../../src/lib/crypto/report-box';
import { normalizeReportCode } from '../../src/lib/crypto/report-code';
import { getSodium } from '../../src/lib/crypto/sodium';
import { fingerprint } from '../../src/lib/crypto/staff-keys';

const sodium = await getSodium();
const hex = (b: Uint8Array) => sodium.to_hex(b);
const bytes = (start: number, n = 32) =>
	Uint8Array.from({ length: n }, (_, i) => (start + i) & 255);
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function checkChars(data: string) {
	const h = sodium.crypto_generichash(16, utf8(data), null);
	return ALPHABET[h[0] >> 3] + ALPHABET[((h[0] & 7) << 2) | (h[1] >> 6)];
}

const codeData = ['0123456789ABCDEFGHJKMNP', 'ZZZZZZZZZZZZZZZZZZZZZZZ', '7K3M9QX2HB4T0VWYRS8DFGC'];
const codes = codeData.map((data) => ({
	data23: data,
	hash16_hex: hex(sodium.crypto_generichash(16, utf8(data), null)),
	check: checkChars(data),
	code: data + checkChars(data),
	formatted: (data + checkChars(data)).match(/.{5}/g)!.join('-')
}));

const normalization = [
	'0123456789abcdefghjkmnp' + codes[0].check.toLowerCase(),
	' 01234-56789 abcde-fghjk mnp' + codes[0].check,
	'O1234567B9ABCDEFGHJKMNP',
	'il-IL-uU'
].map((input) => ({ input, normalized: normalizeReportCode(input) }));

const code = codes[2].code;
const root = sodium.crypto_generichash(32, utf8(code), null);
const lookup = sodium.crypto_kdf_derive_from_key(32, 1, 'rpttokn1', root);
const seed = sodium.crypto_kdf_derive_from_key(32, 2, 'rpttokn1', root);
const reporter = sodium.crypto_box_seed_keypair(seed);
const reporterDerivation = {
	code,
	root_hex: hex(root),
	lookup_hex: hex(lookup),
	lookup_b64url: toBase64url(lookup),
	lookup_hash_hex: hex(sodium.crypto_generichash(32, lookup, null)),
	reporter_seed_hex: hex(seed),
	reporter_pk_hex: hex(reporter.publicKey),
	reporter_sk_hex: hex(reporter.privateKey)
};

const unitSeed = bytes(0x40);
const unit = sodium.crypto_box_seed_keypair(unitSeed);
const unitKeyId = unitKeyIdOf(sodium, unit.publicKey);
const unitKey = {
	seed_hex: hex(unitSeed),
	public_key_hex: hex(unit.publicKey),
	secret_key_hex: hex(unit.privateKey),
	unit_key_id: unitKeyId,
	fingerprint: fingerprint(sodium, unit.publicKey)
};

const K = bytes(0x10);
const nonce = bytes(0xa0, 24);
const envelope = {
	v: 1,
	types: ['rape', 'robbery'],
	area: 'gloucester',
	month: '2026-11',
	under18: 'no',
	reporter: 'self',
	warn: true,
	police: 'intelligence',
	lang: 'en',
	attachments: 1
};
const body = { v: 1, incident: { narrative: 'Test vector — ünïcödé ✓' } };
const padded = sodium.pad(utf8(JSON.stringify(body)), 1024);
const ad = reportAd(unitKeyId, envelope);
const reportCiphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
	padded,
	ad,
	null,
	nonce,
	K
);
const report = {
	K_hex: hex(K),
	nonce_hex: hex(nonce),
	unit_key_id: unitKeyId,
	envelope,
	canonical_envelope: canonical(envelope),
	ad_utf8: new TextDecoder().decode(ad),
	body_json: JSON.stringify(body),
	padded_length: padded.length,
	padded_hex: hex(padded),
	ciphertext_hex: hex(reportCiphertext),
	// crypto_box_seal is randomised: these were made once and must open with the keys above.
	stored_key_for_unit_hex: hex(sodium.crypto_box_seal(K, unit.publicKey)),
	stored_key_for_reporter_hex: hex(sodium.crypto_box_seal(K, reporter.publicKey))
};

const filePlain = utf8('A small attachment.\n');
const files = {
	parent_key_hex: hex(K),
	subkeys: [
		{
			context: 'rptfile1',
			index: 0,
			subkey_id: 1,
			key_hex: hex(fileKey(sodium, K, 0, 'rptfile1'))
		},
		{
			context: 'rptfile1',
			index: 1,
			subkey_id: 2,
			key_hex: hex(fileKey(sodium, K, 1, 'rptfile1'))
		},
		{ context: 'msgfile1', index: 0, subkey_id: 1, key_hex: hex(fileKey(sodium, K, 0, 'msgfile1')) }
	],
	// The secretstream header is random: a stored file (index 0, rptfile1) to decrypt.
	stored: {
		context: 'rptfile1',
		index: 0,
		plaintext_hex: hex(filePlain),
		stored_hex: hex(encryptFile(sodium, K, 0, 'rptfile1', filePlain))
	}
};

const M = bytes(0x70);
const messageNonce = bytes(0xc0, 24);
const messageBody = { v: 1, kind: 'message', text: 'Are you safe?', files: [] };
const messagePadded = sodium.pad(utf8(JSON.stringify(messageBody)), 256);
const mAd = messageAd('SR-7K3M-9QX2', 'to_reporter');
const message = {
	M_hex: hex(M),
	nonce_hex: hex(messageNonce),
	report_ref: 'SR-7K3M-9QX2',
	direction: 'to_reporter',
	ad_utf8: new TextDecoder().decode(mAd),
	body_json: JSON.stringify(messageBody),
	padded_length: messagePadded.length,
	ciphertext_hex: hex(
		sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(messagePadded, mAd, null, messageNonce, M)
	),
	stored_key_for_reporter_hex: hex(sodium.crypto_box_seal(M, reporter.publicKey))
};

const vectors = {
	description:
		'SafeReport protocol v1 test vectors (DESIGN §5.1–5.3). Hex unless named otherwise; strings are UTF-8.',
	alphabet: ALPHABET,
	report_codes: codes,
	normalization,
	reporter_derivation: reporterDerivation,
	unit_key: unitKey,
	report,
	files,
	message
};
writeFileSync('tests/vectors/protocol-v1.json', JSON.stringify(vectors, null, '\t') + '\n');
console.log('wrote tests/vectors/protocol-v1.json');
