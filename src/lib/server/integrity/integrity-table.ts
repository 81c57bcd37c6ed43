import { existsSync, readFileSync } from 'node:fs';
import { MANIFEST_PATH, parseManifest } from './site-manifest.js';
import type { IntegrityTable } from './page-integrity';

/**
 * The SHA-384 of every file of the build, from the site manifest `npm run build` wrote (the one
 * the portal publishes), so the integrity pages carry is the release's and not re-computed from
 * whatever sits on disk now: a file changed after the build is refused by the browser.
 * scripts/serve.js says where the build is (SITE_MANIFEST_FILE).
 */
let table: IntegrityTable | null | undefined;

export function loadIntegrityTable(): IntegrityTable | null {
	if (table !== undefined) {
		return table;
	}
	const file =
		process.env.SITE_MANIFEST_FILE || `${process.env.BUILD_DIR || 'build'}/client${MANIFEST_PATH}`;
	if (!existsSync(file)) {
		console.warn(
			'no site manifest beside the build: pages are served without Subresource Integrity (run npm run build)'
		);
		table = null;
		return table;
	}
	table = new Map(Object.entries(parseManifest(readFileSync(file)).files));
	return table;
}
