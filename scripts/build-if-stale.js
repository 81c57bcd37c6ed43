import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const INPUTS = [
	'src',
	'migrations',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];
export const BUILD_DIR = process.env.BUILD_DIR || 'build';
const OUTPUT = `${BUILD_DIR}/index.js`;
const SITE_MANIFEST = fileURLToPath(new URL('./site-manifest.js', import.meta.url));
const VITE = join(
	dirname(createRequire(import.meta.url).resolve('vite/package.json')),
	'bin/vite.js'
);

/**
 * @param {string} path
 * @returns {number}
 */
function newest(path) {
	if (!existsSync(path)) {
		return 0;
	}
	const stat = statSync(path);
	if (!stat.isDirectory()) {
		return stat.mtimeMs;
	}
	return Math.max(
		0,
		...readdirSync(path).map((/** @type {string} */ name) => newest(join(path, name)))
	);
}

/**
 * Runs `vite build` when the build is missing or older than any of its inputs. The build's own
 * output (chunk sizes, "Run npm run preview…") means nothing to someone starting the portal, so it
 * is kept back and shown only when the build fails.
 */
export function buildIfStale() {
	const built = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
	if (built > 0 && built >= Math.max(...INPUTS.map(newest))) {
		return false;
	}
	console.log('Building SafeReport (this takes a minute or two)…');
	const run = spawnSync(process.execPath, [VITE, 'build', '--logLevel', 'warn'], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024
	});
	if (run.status !== 0) {
		process.stderr.write(run.stdout ?? '');
		process.stderr.write(run.stderr ?? '');
		console.error(`The build failed${run.error ? `: ${run.error.message}` : ''}.`);
		process.exit(run.status || 1);
	}
	// As `npm run build` does: the signed list of served files (scripts/site-manifest.js). Its
	// line about signing is for release builds; here it is shown only if it fails.
	const manifest = spawnSync(process.execPath, [SITE_MANIFEST], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe']
	});
	if (manifest.status !== 0) {
		process.stderr.write(manifest.stdout ?? '');
		process.stderr.write(manifest.stderr ?? '');
		process.exit(manifest.status || 1);
	}
	return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	buildIfStale();
}
