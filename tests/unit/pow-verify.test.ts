import { describe, expect, it } from 'vitest';
import { createChallenge, solveChallenge, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { verifyPowSolution, type PowChallenge } from '../../src/lib/server/reports/pow-verify';

const secrets = { signature: 'challenge-secret', keySignature: 'key-secret' };

async function solved(withKeySignature: boolean, expiresAt = new Date(Date.now() + 60_000)) {
	const challenge = await createChallenge({
		algorithm: 'SHA-256',
		cost: 1,
		counter: 7,
		deriveKey,
		expiresAt,
		hmacSignatureSecret: secrets.signature,
		...(withKeySignature ? { hmacKeySignatureSecret: secrets.keySignature } : {})
	});
	const solution = await solveChallenge({ challenge, deriveKey });
	if (!solution) {
		throw new Error('no solution');
	}
	return { challenge, solution };
}

/** altcha-lib's own verdict, which the synchronous check must match case by case. */
async function altchaVerdict(
	challenge: Challenge,
	solution: { counter: number; derivedKey: string },
	keySignatureSecret = secrets.keySignature
) {
	const result = await verifySolution({
		challenge,
		solution,
		deriveKey,
		hmacSignatureSecret: secrets.signature,
		hmacKeySignatureSecret: keySignatureSecret
	});
	return result.verified;
}

const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);

describe('the synchronous proof-of-work check', () => {
	for (const withKeySignature of [true, false]) {
		describe(withKeySignature ? 'with a key signature' : 'without a key signature', () => {
			it('agrees with altcha-lib on good, tampered, expired and malformed solutions', async () => {
				const { challenge, solution } = await solved(withKeySignature);
				const expired = await solved(withKeySignature, new Date(Date.now() - 1000));
				const cases: [string, Challenge, { counter: number; derivedKey: string }][] = [
					['solved', challenge, solution],
					['other key', challenge, { ...solution, derivedKey: flip(solution.derivedKey) }],
					['other counter', challenge, { ...solution, counter: solution.counter + 1 }],
					[
						'upper-case key',
						challenge,
						{ ...solution, derivedKey: solution.derivedKey.toUpperCase() }
					],
					['odd-length key', challenge, { ...solution, derivedKey: solution.derivedKey.slice(1) }],
					['negative counter', challenge, { ...solution, counter: -1 }],
					[
						'changed parameters',
						{ ...challenge, parameters: { ...challenge.parameters, keyPrefix: '00' } },
						solution
					],
					[
						'forged signature',
						{ ...challenge, signature: flip(challenge.signature ?? '') },
						solution
					],
					['no signature', { ...challenge, signature: '' }, solution],
					['expired', expired.challenge, expired.solution]
				];
				const verdicts = [];
				for (const [label, c, s] of cases) {
					verdicts.push([
						label,
						verifyPowSolution(c as unknown as PowChallenge, s, secrets),
						await altchaVerdict(c, s)
					]);
				}
				expect(verdicts.map(([label, , theirs]) => [label, theirs])).toEqual(
					verdicts.map(([label, ours]) => [label, ours])
				);
				// The good solution passes and the forgeries fail: agreement is not vacuous.
				expect(verdicts[0][1]).toBe(true);
				expect(verdicts.filter(([, ours]) => ours).length).toBe(withKeySignature ? 2 : 1);
			});
		});
	}

	it('refuses a solution signed under another secret', async () => {
		const { challenge, solution } = await solved(true);
		expect(
			verifyPowSolution(challenge as unknown as PowChallenge, solution, {
				...secrets,
				signature: 'other'
			})
		).toBe(false);
		expect(
			verifyPowSolution(challenge as unknown as PowChallenge, solution, {
				...secrets,
				keySignature: 'other'
			})
		).toBe(false);
	});
});
