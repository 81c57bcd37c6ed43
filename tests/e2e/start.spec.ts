import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm start` on an empty data folder: creates the database, prints a setup code, serves `/`. */
test('npm start creates the database, prints the setup code and serves the landing page', async () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'safereport-start-'));
	const dbPath = join(dataDir, 'data', 'portal.sqlite');
	const port = String(40000 + Math.floor(Math.random() * 20000));
	const child = spawn('npm', ['start', '--silent'], {
		env: { ...process.env, PORT: port, DATABASE_URL: dbPath, HOST: '', ORIGIN: '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	try {
		await expect.poll(() => out, { timeout: 60_000 }).toMatch(/listening on/i);
		expect(out).toMatch(/One-time setup code: [0-9A-Z]{5}(-[0-9A-Z]{5}){3}/);
		expect(out).toContain(`http://127.0.0.1:${port}/staff/setup`);
		const res = await fetch(`http://127.0.0.1:${port}/`);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Report a crime safely');
		expect(existsSync(dbPath)).toBe(true);
		// The data folder it created is private to the server's user.
		expect(statSync(join(dataDir, 'data')).mode & 0o077).toBe(0);
	} finally {
		child.kill('SIGTERM');
	}
});
