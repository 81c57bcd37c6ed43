import type { PassphraseKeys } from '../crypto/staff-keys';
import workerModule from './kdf.worker.ts?worker&url';

/** The worker starts from /staff/kdf-worker.js, which carries the headers a worker of a
 * cross-origin-isolated page needs, and imports the bundled module (see that route). */
function workerUrl(): string {
	const module = new URL(workerModule, location.href);
	return '/staff/kdf-worker.js?src=' + encodeURIComponent(module.pathname + module.search);
}

/** Derives auth_key and kek from a passphrase in a fresh worker, which is ended afterwards so the
 * 64 MiB of argon2id memory is given back at once. */
export function derivePassphraseKeysInWorker(
	passphrase: string,
	salt: Uint8Array,
	ops: number,
	mem: number
): Promise<PassphraseKeys> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(workerUrl(), { type: 'module' });
		const failed = () => {
			worker.terminate();
			reject(new Error('Your browser could not work out the keys. Try another browser.'));
		};
		worker.onmessage = (event: MessageEvent) => {
			worker.terminate();
			if (event.data?.ok) {
				resolve({ authKey: event.data.authKey, kek: event.data.kek });
			} else {
				failed();
			}
		};
		worker.onerror = failed;
		worker.postMessage({ passphrase, salt, ops, mem });
	});
}
