import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { newChallenge, spendProofOfWork } from '../../src/lib/server/reports/proof-of-work';

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
