/** Wire encodings of protocol v1: base64url without padding, UTF-8, canonical JSON. */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64url(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict decoder: refuses padding, other alphabets and impossible lengths, so a value has
 * exactly one encoding and malformed input is a clear error rather than silently mangled. */
export function fromBase64url(text: string): Uint8Array {
	if (!BASE64URL.test(text) || text.length % 4 === 1) {
		throw new Error('not base64url');
	}
	const padded =
		text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
	const binary = atob(padded);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) {
		bytes[i] = binary.charCodeAt(i);
	}
	if (toBase64url(bytes) !== text) {
		throw new Error('not canonical base64url');
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
