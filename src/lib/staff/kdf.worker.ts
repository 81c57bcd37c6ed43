import { getSodiumSumo } from '../crypto/sodium-sumo';
import { deriveKitKey } from '../crypto/recovery-kit';
import { derivePassphraseKeys } from '../crypto/staff-keys';

/** argon2id runs here, off the page's main thread, so the page stays responsive while it works.
 * This worker is the only place the browser loads the sumo build of libsodium. `purpose: 'kit'`
 * derives a recovery kit's key (DESIGN §5.5 keys otherwise). */
interface Request {
	purpose?: 'staff' | 'kit';
	passphrase: string;
	salt: Uint8Array;
	ops: number;
	mem: number;
}

self.onmessage = async (event: MessageEvent<Request>) => {
	try {
		const { purpose, passphrase, salt, ops, mem } = event.data;
		const sumo = await getSodiumSumo();
		if (purpose === 'kit') {
			self.postMessage({ ok: true, key: deriveKitKey(sumo, passphrase, salt, ops, mem) });
			return;
		}
		const keys = derivePassphraseKeys(sumo, passphrase, salt, ops, mem);
		self.postMessage({ ok: true, authKey: keys.authKey, kek: keys.kek });
	} catch {
		self.postMessage({ ok: false });
	}
};
