import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { openDatabase } from '../../src/lib/server/db/connect';
import { BUDGETS } from '../../src/lib/server/hooks/rate-limit';
import { DatabaseRateCounters } from '../../src/lib/server/hooks/rate-store';
import {
	DatabaseSpentChallenges,
	MemorySpentChallenges
} from '../../src/lib/server/reports/spent-challenges';
import { freshDb, onPostgres } from './support/db';

const secret = () => new Uint8Array(32).fill(9);
const budget = BUDGETS.find((b) => b.name === 'api-reports')!;
const T0 = Date.parse('2026-12-01T10:00:00.000Z');

describe('rate-limit counters kept in the database', () => {
	it('one budget across instances: what one counts, the other refuses; the window passes', async () => {
		const { db, path } = await freshDb();
		const other: Db = onPostgres ? openDatabase(path) : db;
		try {
			const a = new DatabaseRateCounters(async () => db, secret);
			const b = new DatabaseRateCounters(async () => other, secret);
			for (let i = 0; i < budget.requests; i++) {
				expect(await (i % 2 ? b : a).take(budget, '203.0.113.7', T0 + i)).toBe(0);
			}
			expect(await a.take(budget, '203.0.113.7', T0 + 1000)).toBe(budget.windowMs - 1000);
			expect(await b.take(budget, '203.0.113.7', T0 + 2000)).toBe(budget.windowMs - 2000);
			// Another address has its own budget; the same one is free again once the window passed.
			expect(await b.take(budget, '203.0.113.8', T0 + 2000)).toBe(0);
			expect(await b.take(budget, '203.0.113.7', T0 + budget.windowMs)).toBe(0);
			const rows = await db.selectFrom('rate_counters').selectAll().execute();
			expect(rows.map((r) => r.bucket).join(' ')).not.toContain('203.0.113');
		} finally {
			if (other !== db) {
				await other.destroy();
			}
		}
	});

	it('requests counted at the same moment on two instances never pass the budget', async () => {
		const { db, path } = await freshDb();
		const other: Db = onPostgres ? openDatabase(path) : db;
		try {
			const a = new DatabaseRateCounters(async () => db, secret);
			const b = new DatabaseRateCounters(async () => other, secret);
			const waits = await Promise.all(
				Array.from({ length: budget.requests * 2 }, (_, i) =>
					(i % 2 ? b : a).take(budget, '2001:db8::1', T0)
				)
			);
			expect(waits.filter((w) => w === 0)).toHaveLength(budget.requests);
		} finally {
			if (other !== db) {
				await other.destroy();
			}
		}
	});
});

describe('spent proof-of-work challenges', () => {
	it('kept in the database: spent on one instance, refused on every other, even at once', async () => {
		const { db, path } = await freshDb();
		const other: Db = onPostgres ? openDatabase(path) : db;
		try {
			const a = new DatabaseSpentChallenges(async () => db);
			const b = new DatabaseSpentChallenges(async () => other);
			const expires = T0 + 30 * 60_000;
			expect(await a.spend('abc1', expires, T0)).toBe(true);
			expect(await b.spend('abc1', expires, T0 + 1)).toBe(false);
			expect(await a.spend('abc1', expires, T0 + 2)).toBe(false);
			const race = await Promise.all(
				Array.from({ length: 8 }, (_, i) => (i % 2 ? b : a).spend('abc2', expires, T0))
			);
			expect(race.filter(Boolean)).toHaveLength(1);
			// Expired ones are swept, so the table does not grow without end.
			await a.spend('abc3', expires, expires + 120_000);
			const left = await db.selectFrom('spent_challenges').select('signature').execute();
			expect(left.map((r) => r.signature)).toEqual(['abc3']);
		} finally {
			if (other !== db) {
				await other.destroy();
			}
		}
	});

	it('kept in memory for a single instance: spent once, forgotten after expiry', async () => {
		const spent = new MemorySpentChallenges();
		const expires = T0 + 60_000;
		expect(await spent.spend('abc1', expires, T0)).toBe(true);
		expect(await spent.spend('abc1', expires, T0 + 1)).toBe(false);
		expect(await spent.spend('abc1', T0 + 200_000, expires + 1)).toBe(true);
	});
});
