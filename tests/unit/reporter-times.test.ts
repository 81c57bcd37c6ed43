import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { migrations } from '../../migrations/index';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextSeq } from '../../src/lib/server/db/sequence';
import {
	addReporterMessage,
	changeConsent,
	reloadReport,
	statusView,
	withdrawReport
} from '../../src/lib/server/reports/reporter-access';
import { listQueue } from '../../src/lib/server/triage/queue';
import { withinHour } from '../../src/lib/staff/time';
import { insertQueueReport } from './support/reports';
import { reporterPortal } from './support/reporter';

/** Reporter-originated times are kept to the hour; order is kept by sequences (issue 7, item 7). */

let portal: Awaited<ReturnType<typeof reporterPortal>>;
beforeAll(async () => {
	portal = await reporterPortal();
});
afterAll(() => portal.close());

const toTheHour = /^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/;
const reply = () => ({
	nonce: randomBytes(24),
	ciphertext: randomBytes(272),
	keyForUnit: randomBytes(80),
	keyForReporter: randomBytes(80),
	attachments: []
});

describe('reporter times to the hour', () => {
	it('stores report, message, consent and withdrawal times with minutes and seconds zeroed', async () => {
		const { report } = await portal.addReport();
		const first = await addReporterMessage(portal.db, report, reply());
		// The unit answers at full precision, within the same hour as the reporter's messages.
		const unitMessage = randomUUID();
		await portal.db
			.insertInto('messages')
			.values({
				id: unitMessage,
				report_id: report.id,
				seq: await nextSeq(portal.db, 'messages'),
				direction: 'to_reporter',
				author_id: null,
				created_at: new Date().toISOString(),
				...{ nonce: randomBytes(24), ciphertext: randomBytes(272) },
				key_for_unit: randomBytes(80),
				key_for_reporter: randomBytes(80),
				read_at: null
			})
			.execute();
		const second = await addReporterMessage(portal.db, report, reply());
		await changeConsent(portal.db, report, { warn: true, police: 'intelligence' });
		const view = await statusView(portal.db, report); // the reporter reads the unit's message
		await withdrawReport(portal.db, await reloadReport(portal.db, report));

		const stored = await reloadReport(portal.db, report);
		expect(stored.created_at).toMatch(toTheHour);
		expect(stored.consent_changed_at).toMatch(toTheHour);
		expect(stored.withdrawn_at).toMatch(toTheHour);
		const messages = await portal.db
			.selectFrom('messages')
			.select(['id', 'direction', 'created_at', 'read_at'])
			.where('report_id', '=', report.id)
			.execute();
		for (const m of messages.filter((m) => m.direction === 'from_reporter')) {
			expect(m.created_at).toMatch(toTheHour);
		}
		expect(messages.find((m) => m.id === unitMessage)?.read_at).toMatch(toTheHour);

		const audit = await portal.db
			.selectFrom('audit_events')
			.select(['seq', 'at', 'action'])
			.where('subject', '=', report.ref)
			.orderBy('seq')
			.execute();
		expect(audit.map((e) => e.action)).toEqual([
			'report.received',
			'report.reporter_message',
			'report.reporter_message',
			'report.consent_changed',
			'report.withdrawn'
		]);
		for (const event of audit) {
			expect(event.at).toMatch(toTheHour);
		}

		// The thread keeps the order things happened in, though the unit's time is the finer one.
		expect(view.messages.map((m) => m.id)).toEqual([first.id, unitMessage, second.id]);
	});

	it('keeps the queue oldest first among reports of the same hour and rank', async () => {
		const refs: string[] = [];
		for (let i = 0; i < 6; i++) {
			refs.push((await portal.addReport()).report.ref);
		}
		const { rows } = await listQueue(portal.db, {});
		const ours = rows.map((r) => r.ref).filter((ref) => refs.includes(ref));
		const byRank = new Map(rows.map((r) => [r.ref, r]));
		// Same-rank reports keep arrival order; the queue still puts more urgent ones first.
		for (const rank of new Set(ours.map((ref) => byRank.get(ref)!.safeguarding))) {
			const group = refs.filter((ref) => byRank.get(ref)!.safeguarding === rank);
			expect(ours.filter((ref) => group.includes(ref))).toEqual(group);
		}
	});
});

describe('migration 0007', () => {
	it('orders existing reports and messages by time and coarsens what reporters did', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'safereport-unit-'));
		const db = openDatabase(join(folder, 'portal.sqlite'));
		try {
			const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
			expect((await migrator.migrateTo('0006_queue_counts')).error).toBeUndefined();
			const times = ['2026-11-02T10:59:59.999Z', '2026-11-01T09:15:00.123Z'];
			for (const createdAt of times) {
				await insertQueueReport(db, { createdAt });
			}
			const reportId = (await db.selectFrom('reports').select('id').executeTakeFirstOrThrow()).id;
			const message = (direction: 'to_reporter' | 'from_reporter', at: string) => ({
				id: randomUUID(),
				report_id: reportId,
				direction,
				author_id: null,
				created_at: at,
				nonce: randomBytes(24),
				ciphertext: randomBytes(272),
				key_for_unit: randomBytes(80),
				key_for_reporter: randomBytes(80),
				read_at: null
			});
			await db
				.insertInto('messages')
				.values([
					message('from_reporter', '2026-11-03T08:40:00.000Z'),
					message('to_reporter', '2026-11-03T08:20:00.000Z')
				])
				.execute();
			await migrateToLatest(db);

			const reports = await db
				.selectFrom('reports')
				.select(['seq', 'created_at'])
				.orderBy('seq')
				.execute();
			expect(reports).toEqual([
				{ seq: 1, created_at: '2026-11-01T09:00:00.000Z' },
				{ seq: 2, created_at: '2026-11-02T10:00:00.000Z' }
			]);
			const thread = await db
				.selectFrom('messages')
				.select(['direction', 'created_at'])
				.orderBy('seq')
				.execute();
			expect(thread).toEqual([
				{ direction: 'to_reporter', created_at: '2026-11-03T08:20:00.000Z' },
				{ direction: 'from_reporter', created_at: '2026-11-03T08:00:00.000Z' }
			]);
		} finally {
			await db.destroy();
			rmSync(folder, { recursive: true, force: true });
		}
	});
});

describe('showing a reporter time to staff', () => {
	it('names the hour it fell in, in UK time, not a minute it did not happen at', () => {
		expect(withinHour('2026-11-30T17:00:00.000Z')).toBe('30 Nov 2026, 17:00–18:00 GMT');
		expect(withinHour('2026-07-01T08:00:00.000Z')).toBe('1 Jul 2026, 09:00–10:00 BST');
	});
});
