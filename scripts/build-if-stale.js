import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

/** Runs `vite build` when the build is missing or older than any of its inputs. */
export function buildIfStale() {
	const built = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
	if (built > 0 && built >= Math.max(...INPUTS.map(newest))) {
		return false;
	}
	console.log('Building SafeReport…');
	execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	buildIfStale();
}
