import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_DIR } from './build-if-stale.js';

/** Helpers for running the built portal on this machine: tests, benchmarks and the demo. */

/** What `npm start` runs: the built server with the header baseline on every response. */
export const SERVER_ENTRY = fileURLToPath(new URL('./serve.js', import.meta.url));

/**
 * Tests only: adapter-node's own entry to the same build, without serve.js (no header baseline,
 * no direct report intake), so a test can hold serve.js's answers to the framework's.
 */
export const ADAPTER_ENTRY = resolve(BUILD_DIR, 'index.js');

/**
 * A free loopback port: `wanted` if it is free (0 asks the system for any free one).
 * @param {number} [wanted]
 * @returns {Promise<number>}
 */
export const freePort = (wanted = 0) =>
	new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(wanted, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				address && typeof address === 'object' ? resolve(address.port) : reject()
			);
		});
	});

/**
 * The environment of a built server on a loopback port, as `npm start` would set it up.
 * @param {number} port
 * @param {string} dbPath
 * @param {Record<string, string>} [extra]
 */
export const portalEnv = (port, dbPath, extra = {}) => ({
	...process.env,
	HOST: '127.0.0.1',
	PORT: String(port),
	ORIGIN: `http://127.0.0.1:${port}`,
	DATABASE_URL: dbPath,
	BODY_SIZE_LIMIT: String(60 * 1024 * 1024),
	...extra
});

/**
 * Waits until the portal at `url` answers its front page; false if `child` exits first or
 * `timeoutMs` passes.
 * @param {string} url
 * @param {{ exitCode: number | null }} child
 * @param {number} timeoutMs
 * @returns {Promise<boolean>}
 */
export async function waitUntilUp(url, child, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) {
			return false;
		}
		try {
			if ((await fetch(url + '/')).ok) {
				return true;
			}
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			return false;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}
