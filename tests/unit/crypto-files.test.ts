import { beforeAll, describe, expect, it } from 'vitest';
import {
	decryptFile,
	encryptFile,
	encryptedFileSize,
	FILE_CHUNK,
	getSodium,
	type Sodium
} from '../../src/lib/crypto';

let sodium: Sodium;
beforeAll(async () => {
	sodium = await getSodium();
});

describe('attachment stream', () => {
	it('round-trips files of every awkward size, with the documented stored size', () => {
		const key = sodium.randombytes_buf(32);
		for (const size of [0, 1, FILE_CHUNK - 1, FILE_CHUNK, FILE_CHUNK + 1, 3 * FILE_CHUNK + 17]) {
			const plain = sodium.randombytes_buf(size);
			const stored = encryptFile(sodium, key, 2, 'rptfile1', plain);
			expect(stored.length).toBe(encryptedFileSize(sodium, size));
			expect(decryptFile(sodium, key, 2, 'rptfile1', stored)).toEqual(plain);
		}
	});

	it('binds each file to its index and context', () => {
		const key = sodium.randombytes_buf(32);
		const stored = encryptFile(sodium, key, 0, 'rptfile1', sodium.randombytes_buf(100));
		expect(() => decryptFile(sodium, key, 1, 'rptfile1', stored)).toThrow();
		expect(() => decryptFile(sodium, key, 0, 'msgfile1', stored)).toThrow();
	});

	it('detects truncation, reordering and altered bytes', () => {
		const key = sodium.randombytes_buf(32);
		const plain = sodium.randombytes_buf(3 * FILE_CHUNK);
		const stored = encryptFile(sodium, key, 0, 'rptfile1', plain);
		const chunk = FILE_CHUNK + sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
		const header = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
		// Cut after the second chunk: every remaining chunk is authentic, but FINAL is missing.
		expect(() =>
			decryptFile(sodium, key, 0, 'rptfile1', stored.subarray(0, header + 2 * chunk))
		).toThrow(/cut short/);
		const swapped = new Uint8Array(stored);
		swapped.set(stored.subarray(header + chunk, header + 2 * chunk), header);
		swapped.set(stored.subarray(header, header + chunk), header + chunk);
		expect(() => decryptFile(sodium, key, 0, 'rptfile1', swapped)).toThrow();
		const flipped = new Uint8Array(stored);
		flipped[header + 5] ^= 0x80;
		expect(() => decryptFile(sodium, key, 0, 'rptfile1', flipped)).toThrow();
	});
});
