import { getSodiumSumo } from '../crypto/sodium-sumo';
import { derivePassphraseKeys } from '../crypto/staff-keys';

/** argon2id runs here, off the page's main thread, so the page stays responsive while it works.
 * This worker is the only place the browser loads the sumo build of libsodium. */
interface Request {
	passphrase: string;
	salt: Uint8Array;
	ops: number;
	mem: number;
}

self.onmessage = async (event: MessageEvent<Request>) => {
	try {
		const { passphrase, salt, ops, mem } = event.data;
		const keys = derivePassphraseKeys(await getSodiumSumo(), passphrase, salt, ops, mem);
		self.postMessage({ ok: true, authKey: keys.authKey, kek: keys.kek });
	} catch {
		self.postMessage({ ok: false });
	}
};
