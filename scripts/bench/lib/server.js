import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freePort, portalEnv, SERVER_ENTRY, waitUntilUp } from '../../local-portal.js';

/** Helpers for benchmarks (in lib/, so bench.js does not run it as a benchmark). */

/**
 * Starts the built server with a temp database and a stand-in unit key, so the report form shows.
 * `stop()` ends the server and removes its temp folder.
 * @returns {Promise<{ url: string, stop: () => void }>}
 */
export async function startBuiltPortal() {
	const dir = mkdtempSync(join(tmpdir(), 'safereport-bench-'));
	const dbPath = join(dir, 'portal.sqlite');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [SERVER_ENTRY], {
		env: portalEnv(port, dbPath),
		stdio: 'ignore'
	});
	if (!(await waitUntilUp(url, child, 20_000))) {
		throw new Error('the portal did not start');
	}
	const db = new Database(dbPath);
	db.prepare('insert into unit_keys (id, public_key, created_at) values (?, ?, ?)').run(
		randomBytes(16).toString('base64url'),
		randomBytes(32),
		new Date().toISOString()
	);
	db.close();
	const stop = () => {
		child.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	};
	process.once('exit', stop);
	return { url, stop };
}
