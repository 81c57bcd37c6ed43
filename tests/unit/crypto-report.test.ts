import { beforeAll, describe, expect, it } from 'vitest';
import {
	ALPHABET,
	checkReportCode,
	deriveReporterSecrets,
	formatReportCode,
	generateReportCode,
	getSodium,
	messageAd,
	normalizeReportCode,
	openPadded,
	openReport,
	openSealedKey,
	sealMessage,
	sealReport,
	canonical,
	type Sodium
} from '../../src/lib/crypto';

let sodium: Sodium;
beforeAll(async () => {
	sodium = await getSodium();
});

describe('report code', () => {
	it('is 25 Crockford characters whose last two check the first 23', () => {
		for (let i = 0; i < 200; i++) {
			const code = generateReportCode(sodium);
			expect(code).toMatch(new RegExp(`^[${ALPHABET}]{25}$`));
			expect(checkReportCode(sodium, code)).toEqual({ ok: true, code });
		}
	});

	it('accepts lower case, spaces, hyphens and look-alike letters', () => {
		const code = generateReportCode(sodium);
		const typed = formatReportCode(code).toLowerCase().replace(/-/g, ' - ');
		expect(checkReportCode(sodium, typed)).toEqual({ ok: true, code });
		const withLetterO = code.replace(/0/g, 'O').replace(/1/g, 'l');
		expect(normalizeReportCode(withLetterO)).toBe(code);
		expect(normalizeReportCode('u')).toBe('V');
	});

	it('calls a changed character a typo, not an unknown code', () => {
		const code = generateReportCode(sodium);
		let caught = 0;
		let tried = 0;
		for (let pos = 0; pos < 25; pos++) {
			for (const char of ALPHABET) {
				if (char === code[pos]) {
					continue;
				}
				tried++;
				const typo = code.slice(0, pos) + char + code.slice(pos + 1);
				if (!checkReportCode(sodium, typo).ok) {
					caught++;
				}
			}
		}
		// Ten check bits: about one typo in a thousand slips through by chance.
		expect(caught / tried).toBeGreaterThan(0.98);
		expect(checkReportCode(sodium, code.slice(0, 24))).toEqual({ ok: false, reason: 'length' });
		expect(checkReportCode(sodium, code.slice(0, 24) + '*')).toEqual({
			ok: false,
			reason: 'characters'
		});
	});

	it('derives the same lookup and keypair from the same code, and different ones from another', () => {
		const code = generateReportCode(sodium);
		const a = deriveReporterSecrets(sodium, code);
		const b = deriveReporterSecrets(sodium, code);
		const c = deriveReporterSecrets(sodium, generateReportCode(sodium));
		expect(a.lookup).toEqual(b.lookup);
		expect(a.publicKey).toEqual(b.publicKey);
		expect(a.lookupHash).toEqual(sodium.crypto_generichash(32, a.lookup, null));
		expect(a.lookup).not.toEqual(c.lookup);
		expect(a.publicKey).not.toEqual(c.publicKey);
	});
});

describe('report box', () => {
	const envelope = {
		v: 1,
		types: ['sexual_assault'],
		area: 'gloucester',
		month: '2026-11',
		under18: 'no',
		reporter: 'self',
		warn: true,
		police: 'intelligence',
		lang: 'en',
		attachments: 0
	};

	function sealed() {
		const unit = sodium.crypto_box_keypair();
		const reporter = deriveReporterSecrets(sodium, generateReportCode(sodium));
		const body = { narrative: 'He took the money back — ünïcode ok', phones: ['07700 900123'] };
		const box = sealReport(sodium, {
			body,
			envelope,
			unitKeyId: 'uk1',
			unitPublicKey: unit.publicKey,
			reporterPublicKey: reporter.publicKey
		});
		return { unit, reporter, body, box };
	}

	it('opens for the unit and for the reporter, and pads to 1 KiB blocks', () => {
		const { unit, reporter, body, box } = sealed();
		expect(box.ciphertext.length % 1024).toBe(16);
		const unitKey = openSealedKey(sodium, box.keyForUnit, unit.publicKey, unit.privateKey);
		const reporterKey = openSealedKey(
			sodium,
			box.keyForReporter,
			reporter.publicKey,
			reporter.privateKey
		);
		expect(unitKey).toEqual(box.key);
		expect(reporterKey).toEqual(box.key);
		const args = {
			key: unitKey,
			nonce: box.nonce,
			ciphertext: box.ciphertext,
			unitKeyId: 'uk1',
			envelope
		};
		expect(openReport(sodium, args)).toEqual(body);
	});

	it('refuses to open when the envelope, the key id or a byte was changed', () => {
		const { box } = sealed();
		const base = {
			key: box.key,
			nonce: box.nonce,
			ciphertext: box.ciphertext,
			unitKeyId: 'uk1',
			envelope
		};
		expect(() => openReport(sodium, { ...base, envelope: { ...envelope, warn: false } })).toThrow();
		expect(() =>
			openReport(sodium, { ...base, envelope: { ...envelope, types: ['other'] } })
		).toThrow();
		expect(() => openReport(sodium, { ...base, unitKeyId: 'uk2' })).toThrow();
		const flipped = box.ciphertext.slice();
		flipped[10] ^= 1;
		expect(() => openReport(sodium, { ...base, ciphertext: flipped })).toThrow();
		// Key order does not matter: the associated data is canonical JSON.
		const reordered = Object.fromEntries(Object.entries(envelope).reverse());
		expect(canonical(reordered)).toBe(canonical(envelope));
		expect(() => openReport(sodium, { ...base, envelope: reordered })).not.toThrow();
	});

	it('a sealed key opens only with the matching private key', () => {
		const { box } = sealed();
		const stranger = sodium.crypto_box_keypair();
		expect(() =>
			openSealedKey(sodium, box.keyForUnit, stranger.publicKey, stranger.privateKey)
		).toThrow();
	});
});

describe('message box', () => {
	it('both sides re-read a message; a changed direction or ref fails', () => {
		const unit = sodium.crypto_box_keypair();
		const reporter = sodium.crypto_box_keypair();
		const body = { text: 'Are you safe to talk on Tuesday?' };
		const m = sealMessage(sodium, {
			reportRef: 'SR-AAAA-BBBB',
			direction: 'to_reporter',
			body,
			unitPublicKey: unit.publicKey,
			reporterPublicKey: reporter.publicKey
		});
		expect(m.ciphertext.length % 256).toBe(16);
		for (const [pair, sealedKey] of [
			[unit, m.keyForUnit],
			[reporter, m.keyForReporter]
		] as const) {
			const key = openSealedKey(sodium, sealedKey, pair.publicKey, pair.privateKey);
			const ad = messageAd('SR-AAAA-BBBB', 'to_reporter');
			expect(openPadded(sodium, { key, nonce: m.nonce, ciphertext: m.ciphertext, ad })).toEqual(
				body
			);
			expect(() =>
				openPadded(sodium, {
					key,
					nonce: m.nonce,
					ciphertext: m.ciphertext,
					ad: messageAd('SR-AAAA-BBBB', 'from_reporter')
				})
			).toThrow();
			expect(() =>
				openPadded(sodium, {
					key,
					nonce: m.nonce,
					ciphertext: m.ciphertext,
					ad: messageAd('SR-AAAA-CCCC', 'to_reporter')
				})
			).toThrow();
		}
	});
});
