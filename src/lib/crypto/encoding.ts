/** Wire encodings of protocol v1: base64url without padding, UTF-8, canonical JSON. */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) {
	VALUE[ALPHABET.charCodeAt(i)] = i;
}
/** Two characters for each 12-bit value: a report's ciphertext is encoded a pair at a time. */
const PAIRS = Array.from({ length: 4096 }, (_, v) => ALPHABET[v >> 6] + ALPHABET[v & 63]);

export function toBase64url(bytes: Uint8Array): string {
	const whole = bytes.length - (bytes.length % 3);
	const parts: string[] = [];
	for (let i = 0; i < whole; i += 3) {
		const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
		parts.push(PAIRS[v >> 12] + PAIRS[v & 4095]);
	}
	if (bytes.length - whole === 1) {
		parts.push(PAIRS[bytes[whole] << 4]);
	} else if (bytes.length - whole === 2) {
		const v = (bytes[whole] << 8) | bytes[whole + 1];
		parts.push(PAIRS[v >> 4] + ALPHABET[(v & 15) << 2]);
	}
	return parts.join('');
}

/**
 * The number of bytes `text` holds if it is canonical base64url without padding, else null: only
 * the alphabet, no impossible length, and no stray bits in the last character (so a value has
 * exactly one encoding). Checked without decoding.
 */
export function base64urlLength(text: string): number | null {
	if (!BASE64URL.test(text) || text.length % 4 === 1) {
		return null;
	}
	const rest = text.length % 4;
	const last = rest === 0 ? 0 : VALUE[text.charCodeAt(text.length - 1)];
	if ((rest === 2 && (last & 15) !== 0) || (rest === 3 && (last & 3) !== 0)) {
		return null;
	}
	return Math.floor((text.length * 3) / 4);
}

/** Strict decoder: refuses padding, other alphabets and impossible lengths, so a value has
 * exactly one encoding and malformed input is a clear error rather than silently mangled. */
export function fromBase64url(text: string): Uint8Array {
	const length = base64urlLength(text);
	if (length === null) {
		throw new Error('not canonical base64url');
	}
	return platformDecode ? platformDecode(text) : decodeCanonical(text, length);
}

/**
 * Node's own decoder, on the server: the same bytes as the loop below (the input is canonical by
 * then), about ten times faster on a report's ciphertext, which the server decodes for every
 * report it stores. Copied out of Buffer's shared pool so that no caller holds a slice of it.
 * Browsers have no Buffer and use the loop.
 */
const platformDecode: ((text: string) => Uint8Array) | undefined =
	typeof globalThis.Buffer === 'function'
		? (text) => new Uint8Array(globalThis.Buffer.from(text, 'base64url'))
		: undefined;

/** The decoding loop for canonical input of `length` bytes; exported for the tests that hold the
 * two decoders to the same bytes. */
export function decodeCanonical(text: string, length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	const whole = text.length - (text.length % 4);
	let o = 0;
	for (let i = 0; i < whole; i += 4) {
		const v =
			(VALUE[text.charCodeAt(i)] << 18) |
			(VALUE[text.charCodeAt(i + 1)] << 12) |
			(VALUE[text.charCodeAt(i + 2)] << 6) |
			VALUE[text.charCodeAt(i + 3)];
		bytes[o++] = v >> 16;
		bytes[o++] = (v >> 8) & 255;
		bytes[o++] = v & 255;
	}
	if (o < length) {
		const v =
			(VALUE[text.charCodeAt(whole)] << 18) |
			(VALUE[text.charCodeAt(whole + 1)] << 12) |
			(whole + 2 < text.length ? VALUE[text.charCodeAt(whole + 2)] << 6 : 0);
		bytes[o] = v >> 16;
		if (o + 1 < length) {
			bytes[o + 1] = (v >> 8) & 255;
		}
	}
	return bytes;
}

export const toHex = (bytes: Uint8Array): string =>
	Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted recursively and no white space (DESIGN §5.2): the form every
 * signature, audit hash and associated-data string is computed over. */
export function canonical(value: unknown): string {
	return JSON.stringify(sortKeys(value as Json));
}

function sortKeys(value: Json): Json {
	if (Array.isArray(value)) {
		return value.map(sortKeys);
	}
	if (value !== null && typeof value === 'object') {
		const sorted: { [key: string]: Json } = {};
		for (const key of Object.keys(value).sort()) {
			if (value[key] !== undefined) {
				sorted[key] = sortKeys(value[key]);
			}
		}
		return sorted;
	}
	return value;
}
