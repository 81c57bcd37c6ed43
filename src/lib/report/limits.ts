/** Limits shared by the form, the browser's encryption and the server's validation. */
export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** How many of each repeated offender detail one report holds (the form never shows more rows). */
export const MAX_PHONES = 20;
export const MAX_EMAILS = 20;
export const MAX_HANDLES = 20;
export const MAX_VEHICLES = 10;
/** DESIGN §5.2 pads report bodies to 1 KiB blocks (the protocol's constant, in crypto/); a padded
 * body may not pass 64 KiB. */
export { REPORT_PAD_BLOCK } from '../crypto/report-box';
export const MAX_PADDED_REPORT = 64 * 1024;
/** DESIGN §5.3 pads messages to 256-byte blocks; the same 64 KiB ceiling applies. */
export { MESSAGE_PAD_BLOCK } from '../crypto/message-box';
export const MAX_PADDED_MESSAGE = 64 * 1024;
/** XChaCha20-Poly1305 tag, secretstream header and per-chunk overhead, and a sealed-box key. */
export const AEAD_TAG = 16;
export const STREAM_HEADER = 24;
export const STREAM_ABYTES = 17;
export const STREAM_CHUNK = 64 * 1024;
export const SEALED_KEY_BYTES = 32 + 48;

/** Size of an encrypted file of n plaintext bytes (the same sum as file-stream.ts, without sodium). */
export const encryptedSize = (n: number): number =>
	STREAM_HEADER + n + Math.max(1, Math.ceil(n / STREAM_CHUNK)) * STREAM_ABYTES;

/** The plaintext size behind an encrypted file of `stored` bytes (the inverse of encryptedSize). */
export const plaintextSize = (stored: number): number => {
	const body = stored - STREAM_HEADER;
	return body - Math.max(1, Math.ceil(body / (STREAM_CHUNK + STREAM_ABYTES))) * STREAM_ABYTES;
};

export const MAX_ENCRYPTED_FILE = encryptedSize(MAX_FILE_BYTES);
export const MIN_ENCRYPTED_FILE = encryptedSize(0);

/** The one check of a reporter's chosen files, in the words every page and the server use: what
 * is wrong, or null. The browser checks first for a quick answer; the server checks again. */
export function fileProblem(files: readonly { name: string; size: number }[]): string | null {
	if (files.length > MAX_FILES) {
		return `You can add up to ${MAX_FILES} files.`;
	}
	const big = files.find((f) => f.size > MAX_FILE_BYTES);
	return big ? `"${big.name}" is bigger than 10 MB. Each file can be up to 10 MB.` : null;
}

/** What one report code may store and send (README, "Configuration"); the server reads its own
 * settings from the environment and falls back to these. */
export const DEFAULT_REPORT_QUOTA_MIB = 100;
export const DEFAULT_MESSAGES_PER_HOUR = 20;
export const DEFAULT_MIN_FREE_DISK_MIB = 1024;
