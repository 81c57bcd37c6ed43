import { createHmac } from 'node:crypto';
import { createChallenge, randomInt, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import * as v from 'valibot';
import { getServerSecret } from '../config';
import { DomainError } from '../errors';
import { spentChallengeStore } from './spent-challenges';
import { verifyPowSolution } from './pow-verify';

/**
 * Proof of work on anonymous submissions (ALTCHA, DESIGN §7): Tor users share exit addresses, so
 * an address-keyed rate limit alone cannot tell one person from a flood. The challenge is signed
 * with a key derived from the server secret; the answer's counter is drawn at random below
 * POW_MAX, so a browser spends on average POW_MAX / 2 SHA-256 runs (about a second by default).
 */
const ALGORITHM = 'SHA-256';
const LIFETIME_MS = 30 * 60_000;
const powMax = () => Math.max(10, Number(process.env.POW_MAX ?? '100000') || 100000);

/** The signing keys, derived once per server secret (every submission needs both). */
const derived = new WeakMap<Uint8Array, Map<string, string>>();
const secret = (label: string) => {
	const serverSecret = getServerSecret();
	let keys = derived.get(serverSecret);
	if (!keys) {
		keys = new Map();
		derived.set(serverSecret, keys);
	}
	let key = keys.get(label);
	if (key === undefined) {
		key = createHmac('sha256', serverSecret).update(`altcha|${label}`).digest('base64url');
		keys.set(label, key);
	}
	return key;
};

export async function newChallenge(): Promise<Challenge> {
	return createChallenge({
		algorithm: ALGORITHM,
		cost: 1,
		counter: randomInt(powMax(), 0),
		deriveKey,
		expiresAt: new Date(Date.now() + LIFETIME_MS),
		hmacSignatureSecret: secret('challenge'),
		hmacKeySignatureSecret: secret('key')
	});
}

const hex = v.pipe(v.string(), v.maxLength(256), v.regex(/^[0-9a-f]*$/));
const PowSchema = v.strictObject({
	challenge: v.strictObject({
		parameters: v.looseObject({
			algorithm: v.literal(ALGORITHM),
			nonce: hex,
			salt: hex,
			cost: v.literal(1),
			keyLength: v.number(),
			keyPrefix: hex,
			keySignature: hex,
			expiresAt: v.number()
		}),
		signature: hex
	}),
	solution: v.looseObject({
		counter: v.pipe(v.number(), v.integer(), v.minValue(0)),
		derivedKey: hex
	})
});

/** Solved challenges, shared by every instance when several run (spent-challenges.ts). */
const spent = spentChallengeStore();

/** Throws a 400 unless `raw` is a fresh, correctly solved challenge of ours; then spends it. */
export async function spendProofOfWork(raw: unknown): Promise<void> {
	const parsed = v.safeParse(PowSchema, raw);
	if (!parsed.success) {
		throw new DomainError(400, 'pow_invalid', 'The proof of work is missing or malformed.', 'pow');
	}
	const { challenge, solution } = parsed.output;
	let verified: boolean;
	try {
		verified = verifyPowSolution(challenge, solution, {
			signature: secret('challenge'),
			keySignature: secret('key')
		});
	} catch {
		verified = false;
	}
	if (
		!verified ||
		!(await spent.spend(challenge.signature, challenge.parameters.expiresAt * 1000))
	) {
		throw new DomainError(
			400,
			'pow_invalid',
			'The proof of work is wrong, used or expired.',
			'pow'
		);
	}
}
