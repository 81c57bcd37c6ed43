import { describe, expect, it } from 'vitest';
import {
	base64urlLength,
	canonical,
	decodeCanonical,
	fromBase64url,
	toBase64url
} from '../../src/lib/crypto/encoding';
import { getSodium } from '../../src/lib/crypto/sodium';

describe('wire encodings', () => {
	it("base64url matches libsodium's default encoding for every length", async () => {
		const sodium = await getSodium();
		for (let n = 0; n < 70; n++) {
			const bytes = sodium.randombytes_buf(n);
			expect(toBase64url(bytes)).toBe(sodium.to_base64(bytes));
			expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
			expect(base64urlLength(toBase64url(bytes))).toBe(n);
		}
	});

	it("decodes to the same bytes on the server (Node's decoder) as in the browser (the loop)", async () => {
		const sodium = await getSodium();
		for (const n of [...Array.from({ length: 70 }, (_, i) => i), 4096, 16_385]) {
			const bytes = sodium.randombytes_buf(n);
			const text = toBase64url(bytes);
			expect(decodeCanonical(text, n)).toEqual(bytes);
			const decoded = fromBase64url(text);
			expect(decoded).toEqual(bytes);
			// Its own memory, not a window on a shared pool.
			expect(decoded.byteOffset).toBe(0);
			expect(decoded.buffer.byteLength).toBe(n);
		}
	});

	it('refuses padding, other alphabets and non-canonical forms', () => {
		for (const bad of ['AA==', 'A+B/', 'A', 'AB!C', 'AB=', 'AF']) {
			expect(() => fromBase64url(bad), bad).toThrow();
			expect(base64urlLength(bad), bad).toBeNull();
		}
	});

	it('canonical JSON sorts keys recursively and drops white space', () => {
		expect(canonical({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
			'{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}'
		);
	});
});
