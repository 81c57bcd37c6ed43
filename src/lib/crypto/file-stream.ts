import type { Sodium } from './sodium';
import { concatBytes } from './encoding';

/** DESIGN §5.2: files are secretstream-encrypted in 64 KiB plaintext chunks, the last tagged FINAL,
 * stored as header(24) || chunk1 || ... */
export const FILE_CHUNK = 64 * 1024;
export type FileContext = 'rptfile1' | 'msgfile1';

/** File i (0-based) uses subkey i + 1 of the report key K (or message key M). */
export const fileKey = (
	sodium: Sodium,
	parentKey: Uint8Array,
	index: number,
	context: FileContext
) => sodium.crypto_kdf_derive_from_key(32, index + 1, context, parentKey);

export function encryptFile(
	sodium: Sodium,
	parentKey: Uint8Array,
	index: number,
	context: FileContext,
	plaintext: Uint8Array
): Uint8Array {
	const key = fileKey(sodium, parentKey, index, context);
	const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
	const parts: Uint8Array[] = [header];
	const FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
	const MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
	// An empty file is still one (empty) FINAL chunk, so truncation is always detectable.
	let offset = 0;
	do {
		const chunk = plaintext.subarray(offset, offset + FILE_CHUNK);
		offset += FILE_CHUNK;
		const tag = offset >= plaintext.length ? FINAL : MESSAGE;
		parts.push(sodium.crypto_secretstream_xchacha20poly1305_push(state, chunk, null, tag));
	} while (offset < plaintext.length);
	sodium.memzero(key);
	return concatBytes(...parts);
}

/** Throws if any chunk was altered, reordered, or the stream was cut before its FINAL chunk. */
export function decryptFile(
	sodium: Sodium,
	parentKey: Uint8Array,
	index: number,
	context: FileContext,
	stored: Uint8Array
): Uint8Array {
	const headerBytes = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
	const chunkBytes = FILE_CHUNK + sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
	if (stored.length < headerBytes + sodium.crypto_secretstream_xchacha20poly1305_ABYTES) {
		throw new Error('encrypted file is too short');
	}
	const key = fileKey(sodium, parentKey, index, context);
	const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(
		stored.subarray(0, headerBytes),
		key
	);
	sodium.memzero(key);
	const parts: Uint8Array[] = [];
	let finished = false;
	for (let offset = headerBytes; offset < stored.length; offset += chunkBytes) {
		if (finished) {
			throw new Error('data after the final chunk');
		}
		const result = sodium.crypto_secretstream_xchacha20poly1305_pull(
			state,
			stored.subarray(offset, offset + chunkBytes),
			null
		);
		if (!result) {
			throw new Error('encrypted file is damaged');
		}
		parts.push(result.message);
		finished = result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
	}
	if (!finished) {
		throw new Error('encrypted file was cut short');
	}
	return concatBytes(...parts);
}

/** Size on disk of an encrypted file of n plaintext bytes. */
export function encryptedFileSize(sodium: Sodium, n: number): number {
	const chunks = Math.max(1, Math.ceil(n / FILE_CHUNK));
	return (
		sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES +
		n +
		chunks * sodium.crypto_secretstream_xchacha20poly1305_ABYTES
	);
}
