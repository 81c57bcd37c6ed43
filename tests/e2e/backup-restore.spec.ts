import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnGroup, stopGroup } from '../support/process-group';
import { portalWithUnitKey } from './support/unit-portal';

/**
 * `npm run backup` while reporters keep submitting, then `npm run restore` into a new database:
 * every report acknowledged before the backup started is in it, and the audit chain verifies.
 * The reports come from a second process through the real JSON API, as reporters' browsers send
 * them, so the backup runs against a portal that is writing.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const ctx = portalWithUnitKey({ RATE_LIMIT_FACTOR: '50', POW_MAX: '2000' });
const PASSPHRASE = 'gravel otter sunrise pamphlet juniper';
const TSX = join('node_modules', '.bin', 'tsx');

let work: string;
let load: ChildProcess | undefined;
let acked: string[] = [];

/** Runs a command to its end in its own process group; resolves with its exit code and output. */
function run(command: string, args: string[], env: Record<string, string>) {
	// The scripts read the server secret and passphrase from here only, never from the test's own.
	const base = Object.entries(process.env).filter(
		([name]) => name !== 'SERVER_SECRET' && name !== 'BACKUP_PASSPHRASE'
	);
	const child = spawnGroup(command, args, {
		env: Object.fromEntries([...base, ...Object.entries(env)]),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	return new Promise<{ code: number | null; out: string }>((resolve) =>
		child.on('close', (code) => resolve({ code, out }))
	);
}

const npmRun = (script: string, args: string[], env: Record<string, string>) =>
	run('npm', ['run', '--silent', script, '--', ...args], env);

async function ackedAtLeast(n: number) {
	await expect.poll(() => acked.length, { timeout: 120_000 }).toBeGreaterThanOrEqual(n);
}

test.beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'safereport-backup-'));
});

test.afterAll(async () => {
	await stopGroup(load);
	rmSync(work, { recursive: true, force: true });
});

test('a backup taken under load restores every acknowledged report, and the chain verifies', async () => {
	load = spawnGroup(TSX, ['tests/support/report-load.ts', ctx.portal.url], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	load.stdout!.on('data', (d: Buffer) => {
		for (const [, ref] of d.toString().matchAll(/^ACK (\S+)$/gm)) {
			acked.push(ref);
		}
	});
	await ackedAtLeast(3);

	const backupFile = join(work, 'portal.backup');
	const beforeBackup = [...acked];
	const backup = await npmRun('backup', [backupFile], {
		DATABASE_URL: ctx.portal.dbPath,
		BACKUP_PASSPHRASE: PASSPHRASE
	});
	expect(backup.out).toContain('Backup written to');
	expect(backup.code).toBe(0);
	// The load went on through the backup and after it: the portal kept serving.
	await ackedAtLeast(beforeBackup.length + 2);
	await stopGroup(load);
	load = undefined;
	acked = [];

	// The backup file holds no plain database: no SQLite header, no report reference.
	const bytes = readFileSync(backupFile);
	expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
	expect(bytes.includes(Buffer.from(beforeBackup[0]))).toBe(false);

	const target = join(work, 'restored', 'portal.sqlite');
	const restored = await npmRun('restore', [backupFile], {
		DATABASE_URL: target,
		BACKUP_PASSPHRASE: PASSPHRASE
	});
	expect(restored.out).toContain('Restored');
	expect(restored.code).toBe(0);

	// The database opens and holds every report acknowledged before the backup started.
	const db = new Database(target, { readonly: true });
	try {
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		const refs = new Set(
			(db.prepare('select ref from reports').all() as { ref: string }[]).map((r) => r.ref)
		);
		expect(beforeBackup.filter((ref) => !refs.has(ref))).toEqual([]);
	} finally {
		db.close();
	}
	// The server secret is back where the portal reads it.
	expect(readFileSync(join(work, 'restored', 'server-secret'), 'utf8')).toBe(
		readFileSync(join(ctx.portal.dataDir, 'server-secret'), 'utf8')
	);
	const verify = await npmRun('audit:verify', [], { DATABASE_URL: target });
	expect(verify.out).toMatch(/^OK \d+ events/m);
	expect(verify.code).toBe(0);

	// Restoring over a database that is not empty needs --force.
	const again = await npmRun('restore', [backupFile], {
		DATABASE_URL: target,
		BACKUP_PASSPHRASE: PASSPHRASE
	});
	expect(again.code).not.toBe(0);
	expect(again.out).toContain('is not empty');
});

test('a wrong backup passphrase is refused clearly and writes nothing', async () => {
	const backupFile = join(work, 'portal.backup');
	const target = join(work, 'fresh', 'portal.sqlite');
	const wrong = await npmRun('restore', [backupFile], {
		DATABASE_URL: target,
		BACKUP_PASSPHRASE: PASSPHRASE + ' typo'
	});
	expect(wrong.out).toContain('That backup passphrase does not open this backup');
	expect(wrong.code).not.toBe(0);
	expect(existsSync(join(work, 'fresh')) ? readdirSync(join(work, 'fresh')) : []).toEqual([]);
});

test('the scripts refuse PostgreSQL clearly, since they are SQLite-only for now', async () => {
	const result = await npmRun('backup', [join(work, 'pg.backup')], {
		DATABASE_URL: 'postgres://portal@localhost/portal',
		BACKUP_PASSPHRASE: PASSPHRASE
	});
	expect(result.out).toContain('work with SQLite only for now');
	expect(result.code).not.toBe(0);
	expect(existsSync(join(work, 'pg.backup'))).toBe(false);
});
