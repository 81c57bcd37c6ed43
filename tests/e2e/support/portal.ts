import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

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

const freePort = () =>
	new Promise<number>((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject()
			);
		});
	});

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
			env: {
				...process.env,
				HOST: '127.0.0.1',
				PORT: String(port),
				ORIGIN: url,
				DATABASE_URL: dbPath,
				BODY_SIZE_LIMIT: String(60 * 1024 * 1024),
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (d) => (log += d));
		child.stderr!.on('data', (d) => (log += d));
		const deadline = Date.now() + 20_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`portal exited:\n${log}`);
			try {
				const res = await fetch(url + '/');
				if (res.ok) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) throw new Error(`portal did not start:\n${log}`);
			await new Promise((r) => setTimeout(r, 100));
		}
		const codes = [...log.matchAll(/setup code: ([0-9A-Z-]+)/g)];
		setupCode = codes.length ? codes[codes.length - 1][1] : null;
	};

	const stop = () =>
		new Promise<void>((resolve) => {
			if (!child || child.exitCode !== null) return resolve();
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
