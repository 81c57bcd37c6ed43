import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createKeyring, unitKeyIdOf } from '../../src/lib/crypto/keyring';
import { getSodium } from '../../src/lib/crypto/sodium';
import { seedSyntheticReports } from '../../src/lib/server/demo/seed';
import { openReportRow } from '../support/unit-keyring';
import { freshDb } from './support/db';

const run = promisify(execFile);
const seedCli = (dbPath: string, ...args: string[]) =>
	run('npx', ['tsx', 'scripts/seed-synthetic.ts', ...args], {
		env: { ...process.env, DATABASE_URL: dbPath }
	}).then(
		(r) => ({ code: 0, out: r.stdout + r.stderr }),
		(e: { code: number; stdout: string; stderr: string }) => ({
			code: e.code,
			out: e.stdout + e.stderr
		})
	);

async function withUnitKey() {
	const sodium = await getSodium();
	const { db, path } = await freshDb();
	const { keyring, publicKey } = createKeyring(sodium);
	await db
		.insertInto('unit_keys')
		.values({
			id: unitKeyIdOf(sodium, publicKey),
			public_key: publicKey,
			created_at: new Date().toISOString(),
			created_by: null,
			retired_at: null
		})
		.execute();
	return { sodium, db, path, keyring };
}

describe('seed:synthetic', () => {
	it('stores reports that open with the unit key, each with its audit line', async () => {
		const { sodium, db, keyring } = await withUnitKey();
		const { refs } = await seedSyntheticReports(db, 3);
		expect(refs).toHaveLength(3);
		const rows = await db.selectFrom('reports').selectAll().execute();
		expect(rows.map((r) => r.ref).sort()).toEqual([...refs].sort());
		for (const row of rows) {
			const body = openReportRow(sodium, keyring, row).body as {
				incident: { narrative: string };
			};
			expect(body.incident.narrative).toMatch(/^\[SYNTHETIC\] /);
			// Nothing of the body is stored in the clear.
			expect(Buffer.from(row.ciphertext).includes(Buffer.from('SYNTHETIC'))).toBe(false);
		}
		const audits = await db
			.selectFrom('audit_events')
			.select('subject')
			.where('action', '=', 'report.received')
			.execute();
		expect(audits.map((a) => a.subject).sort()).toEqual([...refs].sort());
		// A second run adds different reports rather than the same ones again.
		await seedSyntheticReports(db, 2);
		expect((await db.selectFrom('reports').select('id').execute()).length).toBe(5);
		await db.destroy();
	});

	it('the command adds n reports to DATABASE_URL and says how many and how long', async () => {
		const { db, path } = await withUnitKey();
		const result = await seedCli(path, '--', '4');
		expect(result.code).toBe(0);
		expect(result.out).toMatch(/Added 4 synthetic reports in \d+\.\d s/);
		expect((await db.selectFrom('reports').select('id').execute()).length).toBe(4);
		await db.destroy();
	}, 30_000);

	it('the command refuses clearly before setup, and on a bad count, storing nothing', async () => {
		const { db, path } = await freshDb();
		const before = await seedCli(path, '--', '2');
		expect(before.code).toBe(1);
		expect(before.out).toContain('no unit key yet');
		const bad = await seedCli(path, '--', 'lots');
		expect(bad.code).toBe(2);
		expect(bad.out).toContain('Usage: npm run seed:synthetic -- <n>');
		expect((await db.selectFrom('reports').select('id').execute()).length).toBe(0);
		await db.destroy();
	}, 30_000);
});
