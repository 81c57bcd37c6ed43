import type { Challenge, Solution } from 'altcha-lib';

export interface ProofOfWork {
	challenge: Challenge;
	solution: Solution;
}

/** Fetches a challenge and solves it in a worker; resolves to the `pow` part of a submission. */
export async function solveProofOfWork(): Promise<ProofOfWork> {
	const res = await fetch('/api/v1/pow', { cache: 'no-store' });
	if (!res.ok) throw new Error('no challenge');
	const challenge = (await res.json()) as Challenge;
	const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
	try {
		const solution = await new Promise<Solution | null>((resolve, reject) => {
			worker.onmessage = (event: MessageEvent<{ solution: Solution | null }>) =>
				resolve(event.data.solution);
			worker.onerror = () => reject(new Error('worker failed'));
			worker.postMessage(challenge);
		});
		if (!solution) throw new Error('not solved');
		return { challenge, solution };
	} finally {
		worker.terminate();
	}
}
