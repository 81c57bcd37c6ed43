import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * A child started in its own process group, so that stopping it stops everything it started too
 * (`npm start` runs node under npm under a shell: killing the first leaves the server running).
 */
const live = new Set<number>();

/** True while any process of the group led by `pgid` is alive. */
export function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function signalGroup(pgid: number, signal: NodeJS.Signals) {
	try {
		process.kill(-pgid, signal);
	} catch {
		// already gone
	}
}

// A test run that stops early (Ctrl-C, a crashed worker) still takes its servers with it.
process.once('exit', () => live.forEach((pgid) => signalGroup(pgid, 'SIGKILL')));

export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
	const child = spawn(command, args, { ...options, detached: true });
	if (child.pid) {
		live.add(child.pid);
	}
	return child;
}

/** SIGTERM to the whole group, SIGKILL if any of it is still there after `graceMs`; resolves once
 * no process of the group is left. */
export async function stopGroup(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
	const pgid = child?.pid;
	if (!pgid) {
		return;
	}
	signalGroup(pgid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupAlive(pgid)) {
		if (Date.now() > deadline) {
			signalGroup(pgid, 'SIGKILL');
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	live.delete(pgid);
}

/** SIGKILL to the whole group at once, as a power cut or the kernel's OOM killer would end it: no
 * handler runs, nothing is flushed. Resolves once no process of the group is left. */
export async function killGroup(child: ChildProcess | undefined): Promise<void> {
	const pgid = child?.pid;
	if (!pgid) {
		return;
	}
	signalGroup(pgid, 'SIGKILL');
	while (groupAlive(pgid)) {
		await new Promise((r) => setTimeout(r, 20));
	}
	live.delete(pgid);
}
