import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, portalEnv, waitUntilUp } from '../../../scripts/local-portal.js';

export interface Portal {
	url: string;
	dataDir: string;
	dbPath: string;
	/** The one-time setup code the server printed at start, if it printed one. */
	setupCode: string | null;
	/** Everything the server wrote to stdout and stderr so far. */
	output: () => string;
	stop: () => Promise<void>;
	restart: () => Promise<void>;
}

/**
 * Starts the built portal on a free loopback port with a fresh database in a temp folder, the way
 * `npm start` does, and waits until it answers. The setup code is read from its console output.
 */
export async function startPortal(env: Record<string, string> = {}): Promise<Portal> {
	const dataDir = mkdtempSync(join(tmpdir(), 'safereport-e2e-'));
	const dbPath = join(dataDir, 'portal.sqlite');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let log = '';
	let child: ChildProcess;
	let setupCode: string | null = null;

	const launch = async () => {
		child = spawn(process.execPath, [`${process.env.BUILD_DIR || 'build'}/index.js`], {
			env: portalEnv(port, dbPath, env),
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (d) => (log += d));
		child.stderr!.on('data', (d) => (log += d));
		if (!(await waitUntilUp(url, child, 20_000))) {
			throw new Error(`portal ${child.exitCode !== null ? 'exited' : 'did not start'}:\n${log}`);
		}
		const codes = [...log.matchAll(/setup code: ([0-9A-Z-]+)/g)];
		setupCode = codes.length ? codes[codes.length - 1][1] : null;
	};

	const stop = () =>
		new Promise<void>((resolve) => {
			if (!child || child.exitCode !== null) {
				return resolve();
			}
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});

	await launch();
	return {
		url,
		dataDir,
		dbPath,
		get setupCode() {
			return setupCode;
		},
		output: () => log,
		stop,
		restart: async () => {
			await stop();
			await launch();
		}
	};
}
