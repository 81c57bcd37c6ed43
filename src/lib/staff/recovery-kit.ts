import { fromBase64url } from '../crypto/encoding';
import type { UnitKeyring } from '../crypto/keyring';
import {
	KitFormatError,
	newKitKdf,
	openKit,
	parseKit,
	sealKit,
	type RecoveryKit
} from '../crypto/recovery-kit';
import { getSodium } from '../crypto/sodium';
import type { UnitKeyOnServer } from '../api/recovery';
import { deriveKitKeyInWorker } from './kdf';
import { kitMismatch } from './kit-match';

/** Seals the unlocked keyring under a recovery passphrase, here in the browser. The passphrase,
 * the key from it and the kit's contents never reach the server. */
export async function makeKit(
	keyring: UnitKeyring,
	passphrase: string
): Promise<{ kit: RecoveryKit; text: string; fileName: string }> {
	const sodium = await getSodium();
	const kdf = newKitKdf(sodium);
	const key = await deriveKitKeyInWorker(passphrase, fromBase64url(kdf.salt), kdf.ops, kdf.mem);
	try {
		const createdAt = new Date().toISOString();
		const kit = sealKit(sodium, keyring, key, kdf, createdAt);
		const day = createdAt.slice(0, 10);
		return {
			kit,
			text: JSON.stringify(kit, null, 2) + '\n',
			fileName: `safereport-recovery-kit-v${keyring.version}-${day}.json`
		};
	} finally {
		sodium.memzero(key);
	}
}

/** Reads a kit file and checks it against the server's unit keys, before any passphrase. */
export function readKit(text: string, serverKeys: readonly UnitKeyOnServer[]): RecoveryKit {
	const kit = parseKit(text);
	const problem = kitMismatch(
		kit.unit_keys.map((k) => k.id),
		serverKeys
	);
	if (problem) {
		throw new KitFormatError(problem);
	}
	return kit;
}

/** Opens a checked kit with its passphrase; throws KitFormatError with a message to show. */
export async function openKitWithPassphrase(
	kit: RecoveryKit,
	passphrase: string
): Promise<UnitKeyring> {
	const sodium = await getSodium();
	const key = await deriveKitKeyInWorker(
		passphrase,
		fromBase64url(kit.kdf.salt),
		kit.kdf.ops,
		kit.kdf.mem
	);
	try {
		return openKit(sodium, kit, key);
	} finally {
		sodium.memzero(key);
	}
}

/** Offers text as a file download, made in this browser (nothing is fetched). */
export function download(name: string, contents: string) {
	const url = URL.createObjectURL(new Blob([contents], { type: 'application/json' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
