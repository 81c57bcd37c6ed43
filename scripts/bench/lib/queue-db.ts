import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { createKeyring, unitKeyIdOf } from '../../../src/lib/crypto/keyring';
import { sealMessage } from '../../../src/lib/crypto/message-box';
import { getSodium } from '../../../src/lib/crypto/sodium';
import type { Db } from '../../../src/lib/server/db';
import { openDatabase } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import {
	plannerStatisticsSettled,
	startPlannerStatistics
} from '../../../src/lib/server/db/planner-stats';
import { insertReport } from '../../../src/lib/server/reports/store';
import { syntheticReport } from '../../../src/lib/server/synthetic/generate';
import { sealSyntheticReport } from '../../../src/lib/server/synthetic/seal';
import { insertStaffRow } from '../../../tests/unit/support/staff';

/** Bench staff: assignees for the queue's "mine" filter. Their keys are never used. */
export const BENCH_STAFF = ['bench-a', 'bench-b', 'bench-c', 'bench-d', 'bench-e', 'bench-f'];
const DONE = 'bench_queue_reports';

/**
 * The queue benchmark's database: n synthetic reports, each sealed like a reporter's browser seals
 * one and stored through the real report store (routing, queue columns, audit chain), each given
 * a triage state as it arrives, a blind index and now and then an unread reporter message. The
 * server's own upkeep of the planner's statistics runs as on a live portal, and nothing else:
 * no ANALYZE of the bench's own. Built once and kept under data/bench/; a rerun only applies newer
 * migrations. For speed this throwaway database alone runs with synchronous=OFF: a crash while
 * building it just means building it again.
 */
export async function openQueueBenchDb(
	path: string,
	n: number,
	log: (line: string) => void
): Promise<Db> {
	if (existsSync(path)) {
		const db = openDatabase(path);
		// As the server opens its database (src/lib/server/db/index.ts).
		await migrateToLatest(db);
		startPlannerStatistics(db);
		await plannerStatisticsSettled(db);
		const done = await db
			.selectFrom('settings')
			.select('value')
			.where('key', '=', DONE)
			.executeTakeFirst();
		if (done?.value === String(n)) {
			return db;
		}
		await db.destroy();
		rmSync(path, { force: true });
		rmSync(path + '-wal', { force: true });
		rmSync(path + '-shm', { force: true });
	}
	mkdirSync(dirname(path), { recursive: true });
	const db = openDatabase(path);
	await sql`pragma synchronous = OFF`.execute(db);
	await migrateToLatest(db);
	startPlannerStatistics(db);
	await build(db, n, log);
	// The statistics the server gathered itself as the reports arrived (db/planner-stats.ts).
	await plannerStatisticsSettled(db);
	await db
		.insertInto('settings')
		.values({ key: DONE, value: String(n) })
		.execute();
	await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
	return db;
}

async function build(db: Db, n: number, log: (line: string) => void) {
	const sodium = await getSodium();
	const { keyring, publicKey } = createKeyring(sodium);
	const unit = { id: unitKeyIdOf(sodium, publicKey), publicKey };
	const now = new Date().toISOString();
	await db
		.insertInto('unit_keys')
		.values({
			id: unit.id,
			public_key: publicKey,
			created_at: now,
			created_by: null,
			retired_at: null
		})
		.execute();
	for (const id of BENCH_STAFF) {
		await insertStaffRow(db, { id, username: id, created_at: now });
	}

	const started = performance.now();
	for (let seed = 1; seed <= n; seed++) {
		const { payload } = sealSyntheticReport(sodium, unit, seed);
		const { id, ref } = await insertReport(db, payload, [], 'server');
		// The blind index a reviewer's browser would post for the offender's phone (DESIGN §5.6).
		const phone = syntheticReport(sodium, seed).body.offender.phones[0];
		await db
			.insertInto('report_links')
			.values({
				report_id: id,
				index_value: sodium.crypto_generichash(16, 'phone:' + phone, keyring.linkKey)
			})
			.execute();
		if (seed % 50 === 0) {
			// One report in fifty has an unread message from its reporter.
			const row = await db
				.selectFrom('reports')
				.select('reporter_pk')
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			const sealed = sealMessage(sodium, {
				reportRef: ref,
				direction: 'from_reporter',
				body: { v: 1, text: '[SYNTHETIC] Any news?' },
				unitPublicKey: publicKey,
				reporterPublicKey: new Uint8Array(row.reporter_pk)
			});
			await db
				.insertInto('messages')
				.values({
					id: `bench-msg-${seed}`,
					report_id: id,
					direction: 'from_reporter',
					author_id: null,
					created_at: now,
					nonce: sealed.nonce,
					ciphertext: sealed.ciphertext,
					key_for_unit: sealed.keyForUnit,
					key_for_reporter: sealed.keyForReporter,
					read_at: null
				})
				.execute();
		}
		await triage(db, id);
		if (seed % 5000 === 0) {
			const rate = seed / ((performance.now() - started) / 1000);
			log(`  ${seed} of ${n} reports sealed and stored (${rate.toFixed(0)}/s)`);
		}
	}
}

/** A triage state for a report as it arrives, so the database grows the way a unit's does. */
async function triage(db: Db, id: string) {
	await sql`
		update reports set
			status = case abs(random()) % 10
				when 0 then 'new' when 1 then 'new' when 2 then 'in_review' when 3 then 'in_review'
				when 4 then 'awaiting_reporter' when 5 then 'referred' when 6 then 'actioned'
				else 'closed' end,
			grade = case abs(random()) % 5 when 0 then null else 1 + abs(random()) % 4 end,
			assignee_id = case abs(random()) % 8
				when 0 then 'bench-a' when 1 then 'bench-b' when 2 then 'bench-c'
				when 3 then 'bench-d' when 4 then 'bench-e' when 5 then 'bench-f' else null end
		where id = ${id}`.execute(db);
	await sql`update reports set
		closed_at = case when status = 'closed' then updated_at else null end,
		queue_rank = (case when safeguarding = 1 then 0 else 10 end) + coalesce(grade, 5)
		where id = ${id}`.execute(db);
}
