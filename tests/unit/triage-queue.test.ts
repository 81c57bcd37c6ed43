import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listQueue, queueCounts } from '../../src/lib/server/triage/queue';
import { freshDb } from './support/db';
import { insertQueueReport } from './support/reports';

const day = (n: number) => new Date(Date.UTC(2026, 10, n)).toISOString();

describe('triage queue', () => {
	it('puts safeguarding first, then response grade, then the oldest', async () => {
		const { db } = await freshDb();
		await insertQueueReport(db, { ref: 'OLD-UNGRADED', createdAt: day(1) });
		await insertQueueReport(db, { ref: 'NEW-GRADE-1', createdAt: day(5), grade: 1 });
		await insertQueueReport(db, {
			ref: 'CHILD',
			createdAt: day(9),
			safeguarding: true,
			team: 'CSE'
		});
		await insertQueueReport(db, { ref: 'GRADE-3', createdAt: day(2), grade: 3 });
		await insertQueueReport(db, { ref: 'NEWER-UNGRADED', createdAt: day(3) });
		const { rows } = await listQueue(db, {});
		expect(rows.map((r) => r.ref)).toEqual([
			'CHILD',
			'NEW-GRADE-1',
			'GRADE-3',
			'OLD-UNGRADED',
			'NEWER-UNGRADED'
		]);
		expect(rows[0]).toMatchObject({
			safeguarding: true,
			team: 'CSE',
			types: ['other'],
			linkedReports: 0
		});
	});

	it('pages through every open report exactly once with keyset cursors', async () => {
		const { db } = await freshDb();
		const refs: string[] = [];
		for (let i = 0; i < 23; i++) {
			const ref = `R${String(i).padStart(2, '0')}`;
			refs.push(ref);
			await insertQueueReport(db, {
				ref,
				createdAt: day(1 + (i % 5)),
				grade: [1, 2, null][i % 3] ?? null
			});
		}
		await insertQueueReport(db, { ref: 'CLOSED', createdAt: day(1), status: 'closed' });
		const seen: string[] = [];
		let cursor;
		do {
			const page = await listQueue(db, {}, cursor, 5);
			expect(page.rows.length).toBeLessThanOrEqual(5);
			seen.push(...page.rows.map((r) => r.ref));
			cursor = page.next ?? undefined;
		} while (cursor);
		expect([...seen].sort()).toEqual(refs);
		expect(new Set(seen).size).toBe(23);
	});

	it('filters by status, team, area, type, assignee, consent and unread messages', async () => {
		const { db } = await freshDb();
		const staffId = randomUUID();
		const b = randomBytes(32);
		await db
			.insertInto('staff')
			.values({
				id: staffId,
				username: 'sam',
				role: 'reviewer',
				team: 'RASSO',
				status: 'active',
				kdf_salt: b,
				kdf_ops: 2,
				kdf_mem: 1,
				auth_hash: b,
				box_pk: b,
				sign_pk: b,
				secret_box: b,
				secret_nonce: b,
				totp_secret: b,
				totp_nonce: b,
				created_at: day(1)
			})
			.execute();
		const rape = await insertQueueReport(db, {
			ref: 'A',
			createdAt: day(1),
			types: ['rape', 'robbery'],
			team: 'RASSO',
			area: 'stroud',
			police: 'contact',
			assigneeId: staffId
		});
		await insertQueueReport(db, {
			ref: 'B',
			createdAt: day(2),
			types: ['robbery'],
			area: 'gloucester',
			warn: false
		});
		await insertQueueReport(db, {
			ref: 'C',
			createdAt: day(3),
			types: ['coercion'],
			team: 'Exploitation',
			status: 'in_review'
		});
		await insertQueueReport(db, { ref: 'D', createdAt: day(4), status: 'closed' });
		await db
			.insertInto('messages')
			.values({
				id: randomUUID(),
				report_id: rape,
				direction: 'from_reporter',
				author_id: null,
				created_at: day(2),
				nonce: b,
				ciphertext: b,
				key_for_unit: b,
				key_for_reporter: b,
				read_at: null
			})
			.execute();
		const refs = async (f: Parameters<typeof listQueue>[1]) =>
			(await listQueue(db, f)).rows.map((r) => r.ref);
		expect(await refs({})).toEqual(['A', 'B', 'C']);
		expect(await refs({ status: 'all' })).toEqual(['A', 'B', 'C', 'D']);
		expect(await refs({ status: 'in_review' })).toEqual(['C']);
		expect(await refs({ team: 'RASSO' })).toEqual(['A']);
		expect(await refs({ area: 'stroud' })).toEqual(['A']);
		expect(await refs({ type: 'robbery' })).toEqual(['A', 'B']);
		expect(await refs({ assigneeId: staffId })).toEqual(['A']);
		expect(await refs({ police: 'contact' })).toEqual(['A']);
		expect(await refs({ warn: false })).toEqual(['B']);
		expect(await refs({ unread: true })).toEqual(['A']);
		expect((await listQueue(db, {})).rows[0]).toMatchObject({
			assignee: 'sam',
			unreadMessages: 1,
			types: ['rape', 'robbery']
		});
		// A later change of consent by the reporter wins over the envelope.
		await db
			.updateTable('reports')
			.set({ consent_police: 'none' })
			.where('id', '=', rape)
			.execute();
		expect(await refs({ police: 'contact' })).toEqual([]);
		expect(await queueCounts(db)).toEqual({
			received: 4,
			status: { new: 2, in_review: 1, closed: 1, withdrawn: 0 },
			team: { RASSO: 1, Liaison: 1, Exploitation: 1 }
		});
	});

	it('counts the other reports that share a blind index', async () => {
		const { db } = await freshDb();
		const ids = await Promise.all(
			[1, 2, 3, 4].map((n) => insertQueueReport(db, { ref: `L${n}`, createdAt: day(n) }))
		);
		const phone = randomBytes(16);
		const car = randomBytes(16);
		for (const id of ids.slice(0, 3)) {
			await db.insertInto('report_links').values({ report_id: id, index_value: phone }).execute();
		}
		await db.insertInto('report_links').values({ report_id: ids[0], index_value: car }).execute();
		await db.insertInto('report_links').values({ report_id: ids[1], index_value: car }).execute();
		const { rows } = await listQueue(db, {});
		expect(rows.map((r) => [r.ref, r.linkedReports])).toEqual([
			['L1', 2],
			['L2', 2],
			['L3', 2],
			['L4', 0]
		]);
	});
});
