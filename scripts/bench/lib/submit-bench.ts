// The submit path against its floor: POST /api/v1/reports on the production build and a bare
// node:http + better-sqlite3 server (floor-server.js) take the same multipart bodies at 50
// connections; then the status look-ups of those reports; then the portal's memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/lib/server/db/connect';
import { addStandInUnitKey } from '../../../src/lib/server/synthetic/stand-in-key';
import { benchDatabase } from './bench-database.js';
import { freePort, portalEnv, SERVER_ENTRY, waitUntilUp } from '../../local-portal.js';
import { runLoad } from './http-load.js';
import { prepareSubmissions, type BenchRequest } from './submit-bodies';

const COUNT = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
// Both servers are warmed up first (their code compiled by the JIT, their caches filled): a live
// portal runs for days, so the figures are of a warm server, not of its first seconds.
const WARMUP = 1000;
const CONNECTIONS = 50;
const TARGET_RATIO = 0.5;
const ROUNDS = 4;

const dir = mkdtempSync(join(tmpdir(), 'safereport-submit-bench-'));
const children: ChildProcess[] = [];
const groupAlive = (pgid: number) => {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
};
/** SIGTERM first (a profiled server writes its profile on a clean exit), SIGKILL after 10 s. */
async function stopAll() {
	for (const child of children) {
		try {
			process.kill(-child.pid!, 'SIGTERM');
		} catch {
			// already gone
		}
	}
	const deadline = Date.now() + 10_000;
	while (children.some((c) => groupAlive(c.pid!)) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 50));
	}
	killAll();
}
const killAll = () => {
	for (const child of children) {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	children.length = 0;
};
process.once('exit', () => {
	killAll();
	rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => process.exit(130));
}

/** A child in its own process group, so killing the group takes everything it started. */
function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
	const child = spawn(process.execPath, args, { env, stdio: 'ignore', detached: true });
	children.push(child);
	return child;
}

const CLOCK_TICKS = 100;
/** The CPU time a process has used so far, in milliseconds (user and system, from /proc). */
const cpuMs = (pid: number) => {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
};

const rssMiB = (pid: number) =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** The portal's database: a fresh PostgreSQL database under `npm run bench:postgres`, else a
 * fresh SQLite file (the floor always runs on SQLite: it is the bare limit of this machine). */
const target = process.env.BENCH_DATABASE === 'postgres' ? await benchDatabase() : undefined;

/** The portal: the production build, with proof of work cheap and the rate limits lifted. */
async function startPortal() {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const databaseUrl = target?.url ?? join(dir, 'portal.sqlite');
	// BENCH_PORTAL_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" profiles the portal under the load.
	const nodeArgs = (process.env.BENCH_PORTAL_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child = start([...nodeArgs, SERVER_ENTRY], {
		...portalEnv(port, databaseUrl, { POW_MAX: '10', RATE_LIMIT_FACTOR: '1000000' }),
		SERVER_SECRET: randomBytes(32).toString('base64url'),
		...target?.env
	});
	if (!(await waitUntilUp(url, child, 30_000))) {
		throw new Error('the portal did not start');
	}
	// A unit key to seal to: any 32 bytes will do, nothing here is ever opened.
	const db = openDatabase(databaseUrl);
	const unit = await addStandInUnitKey(db);
	await db.destroy();
	return { url, child, unit };
}

async function startFloor() {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = start(
		[join('scripts', 'bench', 'lib', 'floor-server.js'), join(dir, 'floor.sqlite'), String(port)],
		process.env
	);
	const deadline = Date.now() + 10_000;
	for (;;) {
		const answered = await fetch(url + '/').then(
			() => true,
			() => false
		);
		if (answered) {
			return { url, child };
		}
		if (Date.now() > deadline || child.exitCode !== null) {
			throw new Error('the floor server did not start');
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** Runs `requests` against one server; throws unless every answer has the expected status. */
async function load(label: string, url: string, requests: BenchRequest[], expected: number) {
	const result = await runLoad(url, requests, CONNECTIONS);
	const wrong = [...result.statuses].filter(([status]) => status !== expected);
	if (wrong.length > 0) {
		const sample = result.bodies.find((body) => !body.includes('"ref"'));
		throw new Error(`${label}: unexpected answers ${JSON.stringify(wrong)} ${sample ?? ''}`);
	}
	return result.seconds;
}

/**
 * The same requests against the portal and the floor, in rounds that take turns (the machine is
 * shared, so its load drifts: taking turns exposes both to the same drift), as requests per second
 * over all rounds.
 */
async function compare(label: string, requests: BenchRequest[], expected: number) {
	let portalSeconds = 0;
	let floorSeconds = 0;
	let portalCpu = 0;
	let floorCpu = 0;
	const size = Math.ceil(requests.length / ROUNDS);
	for (let round = 0; round < ROUNDS; round++) {
		const part = requests.slice(round * size, (round + 1) * size);
		const portalFirst = round % 2 === 0;
		for (const side of portalFirst ? ['portal', 'floor'] : ['floor', 'portal']) {
			const server = side === 'portal' ? portal : floor;
			const cpuBefore = cpuMs(server.child.pid!);
			const seconds = await load(`${side} ${label}`, server.url, part, expected);
			const cpu = cpuMs(server.child.pid!) - cpuBefore;
			if (side === 'portal') {
				portalSeconds += seconds;
				portalCpu += cpu;
			} else {
				floorSeconds += seconds;
				floorCpu += cpu;
			}
		}
	}
	return {
		portal: requests.length / portalSeconds,
		floor: requests.length / floorSeconds,
		// Server CPU per request: unlike requests per second, hardly moved by other load on the machine.
		portalCpu: portalCpu / requests.length,
		floorCpu: floorCpu / requests.length
	};
}

const portal = await startPortal();
const floor = await startFloor();
const prepStarted = performance.now();
const { submissions, lookups } = await prepareSubmissions(portal.url, portal.unit, COUNT + WARMUP);
const sizes = submissions.map((s) => s.body.length);
console.log(
	`${COUNT} distinct sealed reports (+${WARMUP} warm-up) in ${ROUNDS} rounds taking turns, ${(Math.min(...sizes) / 1024).toFixed(1)}–${(Math.max(...sizes) / 1024).toFixed(1)} KiB, ` +
		`mean ${(sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024).toFixed(1)} KiB; one in four with a file ` +
		`(prepared in ${((performance.now() - prepStarted) / 1000).toFixed(1)} s); ${CONNECTIONS} connections`
);
console.log(`Portal database: ${target?.engine ?? 'sqlite'}\n`);

const warm = submissions.slice(0, WARMUP);
const timed = submissions.slice(WARMUP);
await load('portal warm-up', portal.url, warm, 201);
await load('floor warm-up', floor.url, warm, 201);
const submit = await compare('submit', timed, 201);
const status = await compare('status', lookups.slice(WARMUP), 200);
const portalRss = rssMiB(portal.child.pid!);
const floorRss = rssMiB(floor.child.pid!);
await stopAll();
await target?.remove();

const ratio = submit.portal / submit.floor;
const row = (label: string, real: number, bare: number) =>
	console.log(
		`${label.padEnd(22)} ${real.toFixed(0).padStart(8)} ${bare.toFixed(0).padStart(8)} ${(real / bare).toFixed(2).padStart(7)}`
	);
console.log('                         portal    floor   ratio');
row('submit (req/s)', submit.portal, submit.floor);
row('status look-ups (/s)', status.portal, status.floor);
const cpuRow = (label: string, real: number, bare: number) =>
	console.log(
		`${label.padEnd(22)} ${real.toFixed(2).padStart(8)} ${bare.toFixed(2).padStart(8)} ${(bare / real).toFixed(2).padStart(7)}`
	);
cpuRow('submit CPU (ms/req)', submit.portalCpu, submit.floorCpu);
cpuRow('status CPU (ms/req)', status.portalCpu, status.floorCpu);
row('RSS after load (MiB)', portalRss, floorRss);
const ok = ratio >= TARGET_RATIO;
console.log(`\nsubmit ratio ${ratio.toFixed(2)}, target ≥ ${TARGET_RATIO}: ${ok ? 'ok' : 'UNDER'}`);
process.exitCode = ok ? 0 : 1;
