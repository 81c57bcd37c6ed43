import { solveChallenge, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

export interface ProofOfWork {
	challenge: Challenge;
	solution: Solution;
}

/**
 * Fetches a challenge and solves it. Each try is one asynchronous SHA-256 (Web Crypto runs it off
 * the main thread), so the page stays responsive without a worker; a worker would need its own
 * cross-origin-isolation headers, which the static file server does not send.
 */
export async function solveProofOfWork(): Promise<ProofOfWork> {
	const res = await fetch('/api/v1/pow', { cache: 'no-store', credentials: 'omit' });
	if (!res.ok) {
		throw new Error('no challenge');
	}
	const challenge = (await res.json()) as Challenge;
	const solution = await solveChallenge({ challenge, deriveKey, timeout: 300_000 });
	if (!solution) {
		throw new Error('not solved');
	}
	return { challenge, solution };
}
