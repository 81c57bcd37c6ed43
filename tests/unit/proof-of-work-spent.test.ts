import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { newChallenge, spendProofOfWork } from '../../src/lib/server/reports/proof-of-work';
import { MemorySpentChallenges } from '../../src/lib/server/reports/spent-challenges';

process.env.SERVER_SECRET = toBase64url(new Uint8Array(randomBytes(32)));
process.env.POW_MAX = '500';

describe('a proof-of-work solution', () => {
	it('buys one submission: the same solution again is refused, a fresh one is not', async () => {
		const solved = async () => {
			const challenge = await newChallenge();
			return { challenge, solution: await solveChallenge({ challenge, deriveKey }) };
		};
		const pow = await solved();
		await expect(spendProofOfWork(pow)).resolves.toBeUndefined();
		await expect(spendProofOfWork(pow)).rejects.toMatchObject({
			status: 400,
			code: 'pow_invalid',
			field: 'pow'
		});
		await expect(spendProofOfWork(await solved())).resolves.toBeUndefined();
	});
});

describe('the spent challenges of one process', () => {
	it('are swept of expired ones once a minute, not walked through on every spend', async () => {
		const store = new MemorySpentChallenges();
		const start = Date.UTC(2026, 11, 1, 9);
		const walks = vi.spyOn(Map.prototype, Symbol.iterator);
		try {
			// A burst: a thousand submissions within one minute.
			for (let i = 0; i < 1000; i++) {
				expect(await store.spend(`sig-${i}`, start + 30 * 60_000, start + i)).toBe(true);
			}
			expect(walks.mock.calls.length).toBeLessThanOrEqual(1);
		} finally {
			walks.mockRestore();
		}
		// Still refused while it is valid, and forgotten once it has expired and a sweep has run.
		expect(await store.spend('sig-1', start + 30 * 60_000, start + 29 * 60_000)).toBe(false);
		expect(await store.spend('sig-2', start + 90 * 60_000, start + 31 * 60_000)).toBe(true);
	});
});
