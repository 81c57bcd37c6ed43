import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, portalEnv, SERVER_ENTRY, waitUntilUp } from '../../../scripts/local-portal.js';
import { killGroup, spawnGroup, stopGroup } from '../../support/process-group';

/** Data folders still on disk. A spec may read a stopped portal's files, so `stop()` keeps them;
 * `close()` removes one, and whatever is left goes when the test worker exits, pass or fail. */
const dataDirs = new Set<string>();
const removeDir = (dir: string) => {
	rmSync(dir, { recursive: true, force: true });
	dataDirs.delete(dir);
};
process.once('exit', () => dataDirs.forEach(removeDir));

export interface Portal {
	url: string;
	dataDir: string;
	dbPath: string;
	/** The one-time setup code the server printed at start, if it printed one. */
	setupCode: string | null;
	/** The server's process id (to read its memory from /proc). */
	pid: () => number;
	/** Everything the server wrote to stdout and stderr so far. */
	output: () => string;
	stop: () => Promise<void>;
	/** Stops the server and removes its data folder. */
	close: () => Promise<void>;
	restart: () => Promise<void>;
	/** Kills the server outright (SIGKILL to its process group): no shutdown code runs. */
	crash: () => Promise<void>;
}

/**
 * Starts the built portal on a free loopback port with a fresh database in a temp folder, the way
 * `npm start` does (the same server entry, unless `entry` names another), and waits until it answers. The setup code is read from its console output.
 */
export async function startPortal(
	env: Record<string, string> = {},
	{ entry = SERVER_ENTRY }: { entry?: string } = {}
): Promise<Portal> {
	const dataDir = mkdtempSync(join(tmpdir(), 'safereport-e2e-'));
	dataDirs.add(dataDir);
	const dbPath = join(dataDir, 'portal.sqlite');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let log = '';
	let child: ChildProcess;
	let setupCode: string | null = null;

	const launch = async () => {
		child = spawnGroup(process.execPath, [entry], {
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

	const stop = () => stopGroup(child);

	try {
		await launch();
	} catch (e) {
		await stop();
		removeDir(dataDir);
		throw e;
	}
	return {
		url,
		dataDir,
		dbPath,
		get setupCode() {
			return setupCode;
		},
		pid: () => child.pid!,
		output: () => log,
		stop,
		close: async () => {
			await stop();
			removeDir(dataDir);
		},
		restart: async () => {
			await stop();
			await launch();
		},
		crash: () => killGroup(child)
	};
}
