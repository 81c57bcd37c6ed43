import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daysBefore } from '../../src/lib/report/retention';
import { openDatabase } from '../../src/lib/server/db/connect';
import { freshDb, onPostgres } from './support/db';
import { insertQueueReport } from './support/reports';

/** `npm run purge`, spawned as an operator runs it, against a database in a temp folder (removed
 * after the file by tests/unit/support/cleanup.ts, pass or fail). */

function npmRun(script: string, databaseUrl: string) {
	const run = spawnSync('npm', ['run', '--silent', script], {
		// On SQLite the secret is found beside the database; PostgreSQL needs it given, as every
		// instance does (README "PostgreSQL").
		env: {
			...process.env,
			DATABASE_URL: databaseUrl,
			SERVER_SECRET: onPostgres ? process.env.SERVER_SECRET : ''
		},
		encoding: 'utf8',
		timeout: 120_000
	});
	return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run purge', () => {
	it('deletes what is due in the DATABASE_URL database, says how many of each, and the chain verifies', async () => {
		const { db, path } = await freshDb();
		const due = await insertQueueReport(db, {
			ref: 'SR-WDRN-0040',
			createdAt: '2026-01-01T10:00:00.000Z'
		});
		await insertQueueReport(db, { ref: 'SR-OPEN-0001', createdAt: '2026-01-01T10:00:00.000Z' });
		await db
			.updateTable('reports')
			.set({ withdrawn_at: daysBefore(new Date(), 40).toISOString() })
			.where('id', '=', due)
			.execute();
		await db
			.insertInto('attachments')
			.values({
				id: 'file-1',
				report_id: due,
				message_id: null,
				idx: 0,
				ciphertext: randomBytes(2000),
				size: 2000
			})
			.execute();
		await db.destroy();

		const run = npmRun('purge', path);
		expect(run.err).toBe('');
		expect(run.code).toBe(0);
		expect(run.out).toContain('Deleted reports: 1\n');
		expect(run.out).toContain('Deleted files: 1\n');
		expect(run.out).toContain('Deleted warnings: 0\n');
		expect(run.out).toMatch(/closed reports 24 months, withdrawn reports 30 days/);

		const verify = npmRun('audit:verify', path);
		expect(verify).toMatchObject({ code: 0, out: 'OK 1 events\n' });
		const reopened = openDatabase(path);
		try {
			const line = await reopened
				.selectFrom('audit_events')
				.select(['action', 'detail_json'])
				.executeTakeFirstOrThrow();
			expect(line.action).toBe('report.purge');
			expect(JSON.parse(line.detail_json)).toMatchObject({
				rule: 'withdrawn',
				via: 'command',
				files: 1
			});
			expect(await reopened.selectFrom('reports').select('ref').execute()).toEqual([
				{ ref: 'SR-OPEN-0001' }
			]);
		} finally {
			await reopened.destroy();
		}
		const again = npmRun('purge', path);
		expect(again.out).toContain('Deleted reports: 0\n');
	}, 240_000);

	// A damaged SQLite file; a PostgreSQL server has no file to damage.
	it.skipIf(onPostgres)(
		'exits non-zero with a plain message when the database cannot be read',
		async () => {
			const { path } = await freshDb();
			const broken = join(dirname(path), 'not-a-database.sqlite');
			writeFileSync(broken, 'this is not a database file, '.repeat(200));
			const run = npmRun('purge', broken);
			expect(run.code).toBe(1);
			expect(run.err).toMatch(/^Purge failed: /);
			expect(run.out).not.toContain('Deleted reports');
		},
		120_000
	);
});
