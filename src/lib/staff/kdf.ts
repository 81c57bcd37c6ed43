import type { PassphraseKeys } from '../crypto/staff-keys';
import workerModule from './kdf.worker.ts?worker&url';

/** The worker starts from /staff/kdf-worker.js, which carries the headers a worker of a
 * cross-origin-isolated page needs, and imports the bundled module (see that route). */
function workerUrl(): string {
	const module = new URL(workerModule, location.href);
	return '/staff/kdf-worker.js?src=' + encodeURIComponent(module.pathname + module.search);
}

/** Runs one argon2id request in a fresh worker, which is ended afterwards so its memory (64 MiB
 * for staff keys, 256 MiB for a recovery kit) is given back at once. */
function inWorker<T>(request: Record<string, unknown>, pick: (data: never) => T): Promise<T> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(workerUrl(), { type: 'module' });
		const failed = () => {
			worker.terminate();
			reject(new Error('Your browser could not work out the keys. Try another browser.'));
		};
		worker.onmessage = (event: MessageEvent) => {
			worker.terminate();
			if (event.data?.ok) {
				resolve(pick(event.data as never));
			} else {
				failed();
			}
		};
		worker.onerror = failed;
		worker.postMessage(request);
	});
}

/** Derives auth_key and kek from a passphrase (DESIGN §5.5). */
export const derivePassphraseKeysInWorker = (
	passphrase: string,
	salt: Uint8Array,
	ops: number,
	mem: number
): Promise<PassphraseKeys> =>
	inWorker({ passphrase, salt, ops, mem }, (d: PassphraseKeys) => ({
		authKey: d.authKey,
		kek: d.kek
	}));

/** Derives a recovery kit's key from its passphrase (src/lib/crypto/recovery-kit.ts). */
export const deriveKitKeyInWorker = (
	passphrase: string,
	salt: Uint8Array,
	ops: number,
	mem: number
): Promise<Uint8Array> =>
	inWorker({ purpose: 'kit', passphrase, salt, ops, mem }, (d: { key: Uint8Array }) => d.key);
