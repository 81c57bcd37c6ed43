import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import sodium from 'libsodium-wrappers';

/**
 * The signed list of every file the portal serves from its build, with its SHA-384: written by
 * `npm run build` (scripts/site-manifest.js), served at MANIFEST_PATH, read by the server to put
 * Subresource Integrity on every script and style it links, and checked against a live portal by
 * `npm run verify-site`. One home for the format, so the three cannot drift. Plain JavaScript:
 * the build and verify scripts run it without the framework.
 */

export const MANIFEST_PATH = '/.well-known/safereport-manifest.json';
export const SIGNATURE_PATH = MANIFEST_PATH + '.sig';
export const MANIFEST_FORMAT = 'safereport-site-manifest';

/**
 * @typedef {object} SiteManifest
 * @property {string} format
 * @property {1} v
 * @property {string} version the release (package.json version)
 * @property {string} created_at
 * @property {boolean} signed whether a detached signature is published beside it
 * @property {Record<string, string>} files URL path → "sha384-<base64>" of the bytes served
 */

/** The SRI form of a file's digest. @param {Uint8Array} bytes */
export const sriHash = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

/** Precompressed copies are the same files in another encoding: verify-site checks them by
 * asking for that encoding. The manifest and its signature cannot list themselves. */
const listed = (/** @type {string} */ path) =>
	!/\.(br|gz)$/.test(path) && path !== MANIFEST_PATH && path !== SIGNATURE_PATH;

/**
 * Every file under the build's client folder, as URL paths, sorted.
 * @param {string} clientDir
 * @returns {string[]}
 */
export function servedFiles(clientDir) {
	/** @type {string[]} */
	const found = [];
	const walk = (/** @type {string} */ dir) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = join(dir, entry.name);
			if (entry.isDirectory()) {
				walk(full);
			} else if (entry.isFile()) {
				found.push('/' + relative(clientDir, full).split(sep).join('/'));
			}
		}
	};
	walk(clientDir);
	return found.filter(listed).sort();
}

/**
 * @param {{ clientDir: string, version: string, signed: boolean, createdAt?: string }} options
 * @returns {SiteManifest}
 */
export function makeManifest({ clientDir, version, signed, createdAt }) {
	/** @type {Record<string, string>} */
	const files = {};
	for (const path of servedFiles(clientDir)) {
		files[path] = sriHash(readFileSync(join(clientDir, path)));
	}
	return {
		format: MANIFEST_FORMAT,
		v: 1,
		version,
		created_at: createdAt ?? new Date().toISOString(),
		signed,
		files
	};
}

/** The exact bytes that are published and signed. @param {SiteManifest} manifest */
export const manifestBytes = (manifest) =>
	new TextEncoder().encode(JSON.stringify(manifest, null, '\t') + '\n');

/**
 * Reads and checks the shape of published manifest bytes; throws a sentence on anything else.
 * @param {Uint8Array | string} bytes
 * @returns {SiteManifest}
 */
export function parseManifest(bytes) {
	const text = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
	/** @type {any} */
	let value;
	try {
		value = JSON.parse(text);
	} catch {
		throw new Error('the manifest is not JSON');
	}
	const filesOk =
		value &&
		typeof value.files === 'object' &&
		Object.entries(value.files).every(
			([path, hash]) =>
				typeof path === 'string' &&
				path.startsWith('/') &&
				typeof hash === 'string' &&
				/^sha384-[A-Za-z0-9+/]{64}$/.test(hash)
		);
	if (value?.format !== MANIFEST_FORMAT || value.v !== 1 || !filesOk) {
		throw new Error(`this is not a ${MANIFEST_FORMAT} v1`);
	}
	return value;
}

/** Ed25519 key material is libsodium's: a 64-byte secret key, a 32-byte public key, base64url. */
export async function releaseSodium() {
	await sodium.ready;
	return sodium;
}

/**
 * A detached Ed25519 signature of the manifest bytes, base64url.
 * @param {Uint8Array} bytes
 * @param {string} secretKey base64url, 64 bytes
 */
export async function signManifest(bytes, secretKey) {
	const s = await releaseSodium();
	const sk = s.from_base64(secretKey.trim());
	if (sk.length !== s.crypto_sign_SECRETKEYBYTES) {
		throw new Error('the release signing key must be 64 bytes, base64url (npm run release-key)');
	}
	return s.to_base64(s.crypto_sign_detached(bytes, sk));
}

/**
 * @param {Uint8Array} bytes
 * @param {string} signature base64url
 * @param {string} publicKey base64url, 32 bytes
 */
export async function manifestSignatureValid(bytes, signature, publicKey) {
	const s = await releaseSodium();
	try {
		const pk = s.from_base64(publicKey.trim());
		const sig = s.from_base64(signature.trim());
		return (
			pk.length === s.crypto_sign_PUBLICKEYBYTES &&
			sig.length === s.crypto_sign_BYTES &&
			s.crypto_sign_verify_detached(sig, bytes, pk)
		);
	} catch {
		return false;
	}
}

/** The public half of a release signing key, base64url: libsodium's Ed25519 secret key is the
 * seed followed by the public key. @param {string} secretKey */
export async function releasePublicKey(secretKey) {
	const s = await releaseSodium();
	return s.to_base64(s.from_base64(secretKey.trim()).slice(32));
}
