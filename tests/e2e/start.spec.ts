import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/local-portal.js';
import { groupAlive, spawnGroup, stopGroup } from '../support/process-group';

/** What `vite build` and the adapter print: nothing a person starting the portal needs to read. */
const BUILD_NOISE = [
	/npm run preview/i,
	/Using @sveltejs\/adapter-node/,
	/✔ done/,
	/chunks are larger/i,
	/built in \d/i,
	/tsconfig/i
];

/**
 * The first `npm start` of a fresh checkout: it builds (into its own folder here, so the build is
 * really made), creates the database, prints the setup code and one "listening" line and nothing
 * of the build, and serves `/`. Afterwards no process it started survives and its folders are gone.
 */
test('the first npm start builds quietly, prints the setup code and listens once', async () => {
	test.setTimeout(360_000);
	const dataDir = mkdtempSync(join(tmpdir(), 'safereport-start-'));
	// Inside the project, where the build can resolve node_modules; /build-*/ is git-ignored.
	const buildDir = mkdtempSync(join(process.cwd(), 'build-start-'));
	const dbPath = join(dataDir, 'data', 'portal.sqlite');
	const port = String(await freePort());
	let child: ChildProcess | undefined;
	let out = '';
	try {
		child = spawnGroup('npm', ['start', '--silent'], {
			env: {
				...process.env,
				PORT: port,
				DATABASE_URL: dbPath,
				BUILD_DIR: buildDir,
				HOST: '',
				ORIGIN: ''
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (d) => (out += d));
		child.stderr!.on('data', (d) => (out += d));
		await expect.poll(() => out, { timeout: 300_000 }).toMatch(/listening on/i);
		expect(out).toMatch(/One-time setup code: [0-9A-Z]{5}(-[0-9A-Z]{5}){3}/);
		expect(out).toContain(`http://127.0.0.1:${port}/staff/setup`);
		const res = await fetch(`http://127.0.0.1:${port}/`);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Report a crime safely');
		expect(existsSync(dbPath)).toBe(true);
		expect(existsSync(join(buildDir, 'index.js'))).toBe(true);
		// The data folder it created is private to the server's user.
		expect(statSync(join(dataDir, 'data')).mode & 0o077).toBe(0);

		expect(out.match(/listening/gi) ?? []).toHaveLength(1);
		for (const noise of BUILD_NOISE) {
			expect(out, String(noise)).not.toMatch(noise);
		}
		// The setup code comes before the line that says the portal is ready.
		expect(out.indexOf('setup code')).toBeLessThan(out.search(/listening/i));
	} finally {
		await stopGroup(child);
		rmSync(dataDir, { recursive: true, force: true });
		rmSync(buildDir, { recursive: true, force: true });
	}
	expect(groupAlive(child!.pid!)).toBe(false);
	expect(existsSync(dataDir)).toBe(false);
	expect(existsSync(buildDir)).toBe(false);
});
