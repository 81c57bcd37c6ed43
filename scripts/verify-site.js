import { readFileSync } from 'node:fs';
import {
	MANIFEST_PATH,
	manifestSignatureValid,
	parseManifest,
	SIGNATURE_PATH,
	sriHash
} from '../src/lib/server/integrity/site-manifest.js';
import { checkPage } from './verify-site/page-check.js';

/**
 * `npm run verify-site -- <origin> [--public-key <key or file>] [--page <path>]…`
 *
 * Compares a live portal with its published release: the site manifest's signature (with the
 * release public key), every listed file as served in every encoding the portal offers, and on
 * each public page every script and style it links, with the integrity it carries. Exit 0 when
 * everything matches, 1 on any difference, 2 on wrong usage. An outreach organisation can run it
 * on a schedule against the portal it recommends (docs/security.md says what it cannot see).
 */

const PAGES = ['/', '/report', '/status', '/warnings', '/privacy', '/staff/login'];
const ENCODINGS = ['identity', 'gzip', 'br'];
const PARALLEL = 6;

/** @type {string[]} */
const problems = [];
const fail = (/** @type {string} */ line) => {
	problems.push(line);
	console.log(`FAIL ${line}`);
};

function usage() {
	console.error(
		'usage: npm run verify-site -- <origin> [--public-key <base64url key or file>] [--page <path>]…'
	);
	process.exit(2);
}

function parseArgs(/** @type {string[]} */ args) {
	/** @type {{ origin: string | null, publicKey: string | null, pages: string[] }} */
	const options = { origin: null, publicKey: null, pages: [...PAGES] };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--public-key' && args[i + 1]) {
			options.publicKey = readKey(args[++i]);
		} else if (arg === '--page' && args[i + 1]?.startsWith('/')) {
			options.pages.push(args[++i]);
		} else if (!arg.startsWith('--') && !options.origin) {
			options.origin = arg;
		} else {
			usage();
		}
	}
	if (!options.origin) {
		usage();
	}
	try {
		options.origin = new URL(/** @type {string} */ (options.origin)).origin;
	} catch {
		usage();
	}
	return options;
}

/** A key given as itself or as a file holding it. @param {string} value */
function readKey(value) {
	if (/^[A-Za-z0-9_-]{43}$/.test(value)) {
		return value;
	}
	try {
		return readFileSync(value, 'utf8').trim();
	} catch {
		console.error(`--public-key: "${value}" is neither a base64url public key nor a readable file`);
		process.exit(2);
	}
}

/**
 * @param {string} url
 * @param {string} [encoding]
 */
async function get(url, encoding = 'identity') {
	// fetch decodes gzip and br itself, so the bytes compared are what a browser would run.
	const res = await fetch(url, { headers: { 'accept-encoding': encoding }, redirect: 'manual' });
	return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/**
 * @template T
 * @param {T[]} items
 * @param {(item: T) => Promise<void>} work
 */
async function inParallel(items, work) {
	const queue = [...items];
	await Promise.all(
		Array.from({ length: PARALLEL }, async () => {
			for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
				await work(item);
			}
		})
	);
}

/**
 * @param {string} origin
 * @param {string | null} publicKey
 */
async function checkManifest(origin, publicKey) {
	const { res, bytes } = await get(origin + MANIFEST_PATH);
	if (!res.ok) {
		fail(`${MANIFEST_PATH}: answered ${res.status}; this portal publishes no site manifest`);
		return null;
	}
	/** @type {import('../src/lib/server/integrity/site-manifest.js').SiteManifest} */
	let manifest;
	try {
		manifest = parseManifest(bytes);
	} catch (e) {
		fail(`${MANIFEST_PATH}: ${e instanceof Error ? e.message : e}`);
		return null;
	}
	console.log(
		`manifest: version ${manifest.version}, built ${manifest.created_at}, ${Object.keys(manifest.files).length} files`
	);
	if (!publicKey) {
		console.log(
			manifest.signed
				? 'signature: NOT CHECKED (give --public-key to check it)'
				: 'signature: NONE — this build is unsigned; it shows only that the portal serves what its own manifest says'
		);
		return manifest;
	}
	const sig = await get(origin + SIGNATURE_PATH);
	const signature = new TextDecoder().decode(sig.bytes);
	if (!sig.res.ok) {
		fail(`${SIGNATURE_PATH}: answered ${sig.res.status}; the manifest is not signed`);
	} else if (!(await manifestSignatureValid(bytes, signature, publicKey))) {
		fail(`${SIGNATURE_PATH}: the signature does not match the release public key`);
	} else {
		console.log('signature: valid for the given release public key');
	}
	return manifest;
}

/**
 * @param {string} origin
 * @param {Record<string, string>} files
 */
async function checkFiles(origin, files) {
	let checked = 0;
	await inParallel(Object.entries(files), async ([path, hash]) => {
		for (const encoding of ENCODINGS) {
			const { res, bytes } = await get(origin + path, encoding);
			if (!res.ok) {
				fail(`${path} (${encoding}): answered ${res.status}`);
			} else if (sriHash(bytes) !== hash) {
				fail(`${path} (${encoding}): served bytes differ from the release`);
			} else {
				checked++;
			}
		}
	});
	console.log(`files: ${checked} of ${Object.keys(files).length * ENCODINGS.length} match`);
}

const options = parseArgs(process.argv.slice(2));
const origin = /** @type {string} */ (options.origin);
console.log(`verifying ${origin}`);
try {
	const manifest = await checkManifest(origin, options.publicKey);
	if (manifest) {
		await checkFiles(origin, manifest.files);
		for (const page of options.pages) {
			await checkPage(fail, get, origin, page, manifest.files);
		}
	}
} catch (e) {
	fail(`could not reach ${origin}: ${e instanceof Error ? e.message : e}`);
}
if (problems.length > 0) {
	console.log(`NOT VERIFIED: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
	process.exit(1);
}
console.log('VERIFIED: the portal serves the release its manifest lists');
