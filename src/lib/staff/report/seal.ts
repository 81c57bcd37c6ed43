import { fromBase64url, toBase64url } from '../../crypto/encoding';
import { unitKeyPair, type UnitKeyring } from '../../crypto/keyring';
import { sealMessage, sealNote } from '../../crypto/message-box';
import type { Sodium } from '../../crypto/sodium';
import { fetchJson, jsonPost } from '../../api/client';

/** Notes and messages are sealed here, in the staff browser: the server stores ciphertext only. */

/** A new note or reply is sealed to the newest unit key in the keyring, not the report's own: a
 * member left out of a rotation keeps the old key, and must not read what is written after it.
 * The case view tries every key in the keyring, so either opens. */
function unitPublicKey(sodium: Sodium, keyring: UnitKeyring, unitKeyId: string) {
	const newest = keyring.keys[keyring.keys.length - 1];
	const pair = unitKeyPair(sodium, keyring, newest?.id ?? unitKeyId);
	if (!pair || !unitKeyPair(sodium, keyring, unitKeyId)) {
		throw new Error('Your keyring does not hold the unit key of this report.');
	}
	return pair.publicKey;
}

export function sealNoteFor(
	sodium: Sodium,
	keyring: UnitKeyring,
	report: { ref: string; unit_key_id: string },
	text: string
) {
	const sealed = sealNote(sodium, {
		reportRef: report.ref,
		body: { v: 1, text },
		unitPublicKey: unitPublicKey(sodium, keyring, report.unit_key_id)
	});
	sodium.memzero(sealed.key);
	return {
		nonce: toBase64url(sealed.nonce),
		ciphertext: toBase64url(sealed.ciphertext),
		key_for_unit: toBase64url(sealed.keyForUnit)
	};
}

export function sealReplyFor(
	sodium: Sodium,
	keyring: UnitKeyring,
	report: { ref: string; unit_key_id: string; reporter_pk: string },
	text: string
) {
	const sealed = sealMessage(sodium, {
		reportRef: report.ref,
		direction: 'to_reporter',
		// The reporter's status page reads { text, files } (src/lib/report/thread.ts).
		body: { v: 1, kind: 'message', text, files: [] },
		unitPublicKey: unitPublicKey(sodium, keyring, report.unit_key_id),
		reporterPublicKey: fromBase64url(report.reporter_pk)
	});
	sodium.memzero(sealed.key);
	return {
		nonce: toBase64url(sealed.nonce),
		ciphertext: toBase64url(sealed.ciphertext),
		key_for_unit: toBase64url(sealed.keyForUnit),
		key_for_reporter: toBase64url(sealed.keyForReporter)
	};
}

/** Posts JSON to a staff endpoint; a refusal becomes an Error carrying the server's message. */
export const postJson = (url: string, body: unknown): Promise<unknown> =>
	fetchJson(url, jsonPost(body), 'That did not work. Please try again.');
