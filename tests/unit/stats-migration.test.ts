import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Migrator, type MigrationProvider } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { openDatabase } from '../../src/lib/server/db/connect';

const provider: MigrationProvider = { getMigrations: async () => migrations };
const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) {
		rmSync(dir, { recursive: true, force: true });
	}
});

describe('migration 0011 (statistics)', () => {
	it('fills the new columns from reports and messages stored before it', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'safereport-unit-'));
		dirs.push(dir);
		const db = openDatabase(join(dir, 'portal.sqlite'));
		try {
			const migrator = new Migrator({ db, provider });
			expect((await migrator.migrateTo('0010_bulletin_access')).error).toBeUndefined();
			const at = '2026-11-10T10:00:00.000Z';
			await db
				.insertInto('unit_keys')
				.values({
					id: 'uk',
					public_key: randomBytes(32),
					created_at: at,
					created_by: null,
					retired_at: null
				})
				.execute();
			const report = (id: string, envelope: string) =>
				db
					.insertInto('reports')
					.values({
						id,
						ref: `SR-${id}`,
						created_at: at,
						unit_key_id: 'uk',
						envelope_json: envelope,
						nonce: randomBytes(24),
						ciphertext: randomBytes(64),
						key_for_unit: randomBytes(80),
						key_for_reporter: randomBytes(80),
						reporter_pk: randomBytes(32),
						lookup_hash: randomBytes(32),
						sealed_by: 'browser',
						team: 'CSE',
						status: 'new',
						updated_at: at
					} as never)
					.execute();
			await report('a', '{"v":1,"under18":"unsure","reporter":"outreach"}');
			await report('b', 'not json');
			await db
				.insertInto('report_types')
				.values({ report_id: 'a', type: 'rape' } as never)
				.execute();
			for (const [id, direction, created] of [
				['m1', 'from_reporter', '2026-11-10T11:00:00.000Z'],
				['m2', 'to_reporter', '2026-11-10T14:00:00.000Z'],
				['m3', 'to_reporter', '2026-11-10T12:30:00.000Z']
			]) {
				await db
					.insertInto('messages')
					.values({
						id,
						report_id: 'a',
						direction,
						author_id: null,
						created_at: created,
						nonce: randomBytes(24),
						ciphertext: randomBytes(64),
						key_for_unit: randomBytes(80),
						key_for_reporter: randomBytes(80),
						read_at: null
					} as never)
					.execute();
			}
			expect((await migrator.migrateToLatest()).error).toBeUndefined();
			const rows = await db
				.selectFrom('reports')
				.select(['id', 'under18', 'reporter', 'first_reply_at', 'hours_to_reply'])
				.orderBy('id')
				.execute();
			expect(rows).toEqual([
				{
					id: 'a',
					under18: 'unsure',
					reporter: 'outreach',
					first_reply_at: '2026-11-10T12:30:00.000Z',
					hours_to_reply: 2
				},
				{ id: 'b', under18: null, reporter: null, first_reply_at: null, hours_to_reply: null }
			]);
			expect(await db.selectFrom('report_types').select(['type', 'created_at']).execute()).toEqual([
				{ type: 'rape', created_at: at }
			]);
		} finally {
			await db.destroy();
		}
	});
});
