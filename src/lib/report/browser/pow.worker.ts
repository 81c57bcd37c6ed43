/// <reference lib="webworker" />
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

/** Solves the proof of work off the main thread so the form stays responsive. */
self.onmessage = async (event: MessageEvent<Challenge>) => {
	try {
		const solution = await solveChallenge({ challenge: event.data, deriveKey, timeout: 300_000 });
		self.postMessage({ solution });
	} catch {
		self.postMessage({ solution: null });
	}
};
