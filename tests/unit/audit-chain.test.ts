import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withAudit } from '../../src/lib/server/audit/chain';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import { freshDb } from './support/db';

async function chainOf(n: number) {
	const fresh = await freshDb();
	for (let i = 0; i < n; i++) {
		await withAudit(fresh.db, async () => ({
			result: null,
			audit: { actorId: `staff-${i % 3}`, action: 'staff.login', subject: null, detail: { n: i } }
		}));
	}
	return fresh;
}

function runCli(path: string) {
	try {
		return {
			code: 0,
			out: execFileSync('npx', ['tsx', 'scripts/audit-verify.ts'], {
				env: { ...process.env, DATABASE_URL: path },
				encoding: 'utf8'
			})
		};
	} catch (error) {
		const e = error as { status: number; stdout: string };
		return { code: e.status, out: e.stdout };
	}
}

describe('audit chain', () => {
	it('links each event to the one before and verifies end to end', async () => {
		const { db } = await chainOf(5);
		const rows = await db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
		expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
		expect(Buffer.from(rows[0].prev_hash).equals(Buffer.alloc(32))).toBe(true);
		for (let i = 1; i < rows.length; i++) {
			expect(Buffer.from(rows[i].prev_hash).equals(Buffer.from(rows[i - 1].hash))).toBe(true);
		}
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 5, headSeq: 5 });
	});

	it('names the seq whose detail was altered', async () => {
		for (const seq of [1, 3, 5]) {
			const { db } = await chainOf(5);
			await sql`update audit_events set detail_json = '{"n":99}' where seq = ${seq}`.execute(db);
			expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: seq });
		}
	});

	it('names the seq whose action, time or actor was altered, or that was deleted', async () => {
		const cases = [
			sql`update audit_events set action = 'staff.logout' where seq = 2`,
			sql`update audit_events set at = '2020-01-01T00:00:00.000Z' where seq = 2`,
			sql`update audit_events set actor_id = null where seq = 2`
		];
		for (const change of cases) {
			const { db } = await chainOf(4);
			await change.execute(db);
			expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 2 });
		}
		const { db } = await chainOf(4);
		await sql`delete from audit_events where seq = 2`.execute(db);
		expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 3 });
	});

	it('rolls the audit line back with the change it records', async () => {
		const { db } = await chainOf(1);
		await expect(
			withAudit(db, async (trx) => {
				await trx.insertInto('settings').values({ key: 'k', value: 'v' }).execute();
				return {
					result: null,
					audit: { actorId: null, action: 'x', detail: { bad: 1n as unknown as number } }
				};
			})
		).rejects.toThrow();
		expect(await db.selectFrom('settings').selectAll().where('key', '=', 'k').execute()).toEqual(
			[]
		);
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 1 });
	});

	it('npm run audit:verify prints OK or the broken seq with a failing exit code', async () => {
		const { db, path } = await chainOf(3);
		expect(runCli(path)).toEqual({ code: 0, out: 'OK 3 events\n' });
		await sql`update audit_events set detail_json = '{"n":7}' where seq = 2`.execute(db);
		const broken = runCli(path);
		expect(broken.code).toBe(1);
		expect(broken.out).toMatch(/^BROKEN at seq 2:/);
		await db.destroy();
	});
});
