import type { Sodium } from './sodium';
import { aeadOpen, aeadSeal } from './aead';
import { fromUtf8, utf8 } from './encoding';

/** DESIGN §5.3: messages and notes are padded to 256-byte blocks. */
export const MESSAGE_PAD_BLOCK = 256;
export type Direction = 'to_reporter' | 'from_reporter';

export const messageAd = (reportRef: string, direction: Direction) =>
	utf8('msg1|' + reportRef + '|' + direction);
export const noteAd = (reportRef: string) => utf8('note1|' + reportRef);

function sealWithFreshKey(sodium: Sodium, body: unknown, ad: Uint8Array) {
	const key = sodium.randombytes_buf(32);
	const plaintext = sodium.pad(utf8(JSON.stringify(body)), MESSAGE_PAD_BLOCK);
	return { key, ...aeadSeal(sodium, plaintext, ad, key) };
}

/** A message between the unit and the reporter, readable by both sides later. */
export function sealMessage(
	sodium: Sodium,
	args: {
		reportRef: string;
		direction: Direction;
		body: unknown;
		unitPublicKey: Uint8Array;
		reporterPublicKey: Uint8Array;
	}
) {
	const sealed = sealWithFreshKey(sodium, args.body, messageAd(args.reportRef, args.direction));
	return {
		...sealed,
		keyForUnit: sodium.crypto_box_seal(sealed.key, args.unitPublicKey),
		keyForReporter: sodium.crypto_box_seal(sealed.key, args.reporterPublicKey)
	};
}

/** A staff note: sealed to the unit key only; the reporter never sees it. */
export function sealNote(
	sodium: Sodium,
	args: { reportRef: string; body: unknown; unitPublicKey: Uint8Array }
) {
	const sealed = sealWithFreshKey(sodium, args.body, noteAd(args.reportRef));
	return { ...sealed, keyForUnit: sodium.crypto_box_seal(sealed.key, args.unitPublicKey) };
}

export function openPadded(
	sodium: Sodium,
	args: { key: Uint8Array; nonce: Uint8Array; ciphertext: Uint8Array; ad: Uint8Array }
): unknown {
	const padded = aeadOpen(sodium, args.ciphertext, args.ad, args.nonce, args.key);
	return JSON.parse(fromUtf8(sodium.unpad(padded, MESSAGE_PAD_BLOCK)));
}
