import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
	MANIFEST_PATH,
	makeManifest,
	manifestBytes,
	releasePublicKey,
	SIGNATURE_PATH,
	signManifest
} from '../src/lib/server/integrity/site-manifest.js';

/**
 * The last step of `npm run build`: hashes every file under build/client into the site manifest
 * and signs it with the release signing key (docs/deploy.md, "Release signing key"):
 * RELEASE_SIGNING_KEY_FILE names a file holding it, or RELEASE_SIGNING_KEY holds it. Without a
 * key the manifest is written marked `"signed": false`, with no signature beside it; with
 * RELEASE_BUILD=1 a missing key fails the build instead (docs/decisions.md).
 * @param {string} buildDir
 */
export async function writeSiteManifest(buildDir) {
	const clientDir = join(buildDir, 'client');
	if (!existsSync(clientDir)) {
		throw new Error(`no ${clientDir}: run vite build first`);
	}
	const key = signingKey();
	if (!key && process.env.RELEASE_BUILD === '1') {
		throw new Error(
			'RELEASE_BUILD=1 but no release signing key: set RELEASE_SIGNING_KEY_FILE (npm run release-key)'
		);
	}
	const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
	const manifest = makeManifest({ clientDir, version, signed: Boolean(key) });
	const bytes = manifestBytes(manifest);
	const target = join(clientDir, MANIFEST_PATH);
	mkdirSync(dirname(target), { recursive: true });
	writeFileSync(target, bytes);
	const signatureFile = join(clientDir, SIGNATURE_PATH);
	const count = Object.keys(manifest.files).length;
	if (key) {
		writeFileSync(signatureFile, (await signManifest(bytes, key)) + '\n');
		console.log(
			`site manifest: ${count} files, version ${version}, signed by ${await releasePublicKey(key)}`
		);
	} else {
		console.warn(
			`site manifest: ${count} files, version ${version}, NOT SIGNED (no release signing key)`
		);
	}
}

/** @returns {string | null} */
function signingKey() {
	if (process.env.RELEASE_SIGNING_KEY_FILE) {
		return readFileSync(process.env.RELEASE_SIGNING_KEY_FILE, 'utf8').trim();
	}
	return process.env.RELEASE_SIGNING_KEY?.trim() || null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	try {
		await writeSiteManifest(process.env.BUILD_DIR || 'build');
	} catch (e) {
		console.error(`site manifest: ${e instanceof Error ? e.message : e}`);
		process.exit(1);
	}
}
