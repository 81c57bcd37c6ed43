import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * ALTCHA v2 solution check (altcha-lib's `verifySolution`, SHA-256, cost 1) with node:crypto's
 * synchronous HMAC. altcha-lib signs through WebCrypto: two key imports and two signatures per
 * submission, each a round trip through the thread pool, which cost more than the work they do on
 * inputs this small. The rules are altcha-lib's, step for step; tests/unit/pow-verify.test.ts
 * holds this to its verdicts.
 */
export interface PowChallenge {
	parameters: Record<string, unknown> & {
		nonce: string;
		salt: string;
		keyPrefix: string;
		keySignature: string;
		keyLength: number;
		expiresAt: number;
	};
	signature: string;
}
export interface PowSolution {
	counter: number;
	derivedKey: string;
}

/** JSON with every object's keys sorted, as altcha-lib signs the challenge's parameters. */
function canonicalJson(value: unknown): string {
	const sorted = (v: unknown): unknown =>
		typeof v !== 'object' || v === null || Array.isArray(v)
			? v
			: Object.fromEntries(
					Object.keys(v)
						.sort()
						.flatMap((k) => {
							const inner = (v as Record<string, unknown>)[k];
							return inner === undefined ? [] : [[k, sorted(inner)]];
						})
				);
	return JSON.stringify(sorted(value));
}

const hmacHex = (secret: string, data: string | Uint8Array) =>
	createHmac('sha256', secret).update(data).digest('hex');

/** Equal in constant time for equal lengths (the lengths are public: hex of fixed-size MACs). */
function sameHex(a: string, b: string): boolean {
	return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

const HEX_BYTES = /^(?:[0-9a-f]{2})+$/;

export function verifyPowSolution(
	challenge: PowChallenge,
	solution: PowSolution,
	secrets: { signature: string; keySignature: string },
	nowMs = Date.now()
): boolean {
	const { parameters } = challenge;
	if (parameters.expiresAt && parameters.expiresAt < nowMs / 1000) {
		return false;
	}
	if (!challenge.signature) {
		return false;
	}
	if (!sameHex(challenge.signature, hmacHex(secrets.signature, canonicalJson(parameters)))) {
		return false;
	}
	if (
		!HEX_BYTES.test(solution.derivedKey) ||
		!Number.isInteger(solution.counter) ||
		solution.counter < 0 ||
		solution.counter > 0xffffffff
	) {
		return false;
	}
	const derivedKey = Buffer.from(solution.derivedKey, 'hex');
	if (parameters.keySignature) {
		return sameHex(parameters.keySignature, hmacHex(secrets.keySignature, derivedKey));
	}
	// No key signature: derive the key again from the counter (SHA-256 of salt ‖ nonce ‖ counter).
	const counter = Buffer.alloc(4);
	counter.writeUInt32BE(solution.counter);
	const derived = createHash('sha256')
		.update(Buffer.from(parameters.salt, 'hex'))
		.update(Buffer.from(parameters.nonce, 'hex'))
		.update(counter)
		.digest()
		.subarray(0, parameters.keyLength || 32);
	const derivedHex = derived.toString('hex');
	return sameHex(derivedHex, solution.derivedKey) && derivedHex.startsWith(parameters.keyPrefix);
}
