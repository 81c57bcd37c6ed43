import { fromBase64url } from '../crypto/encoding';
import type { PublishedWarning } from './warning';
import { messageAd, openPadded, type Direction } from '../crypto/message-box';
import { openSealedKey } from '../crypto/report-box';
import type { Sodium } from '../crypto/sodium';
import type { PoliceChoice } from './consent';

/** What the status page shows about a report, whoever opened it (browser or server). */
export interface StatusDisplay {
	ref: string;
	created_at: string;
	/** The stable status code ('withdrawn' when withdrawn): the reporter's page words it. */
	status?: string;
	label: string;
	explain: string;
	withdrawn: boolean;
	sealed_by: string;
	envelope: { types: string[]; area: string; month: string };
	consent: { warn: boolean; police: PoliceChoice };
	/** Warnings published from this report; absent from older clients' views. */
	warnings?: PublishedWarning[];
	/** When a closed or withdrawn report will be deleted unless the reporter writes again. */
	deleted_after?: string | null;
}

/** A message of the reporter's thread as the status page shows it, once opened. */
export interface OpenMessage {
	id: string;
	direction: string;
	created_at: string;
	/** null when the message could not be opened (damaged, or not meant for this code). */
	text: string | null;
	files: string[];
}

export interface SealedMessage {
	id: string;
	direction: string;
	created_at: string;
	nonce: string;
	ciphertext: string;
	key_for_reporter: string;
}

/** Opens each message with the reporter's key pair (derived from the code). Used by the browser
 * and, without JavaScript, by the server for that one request. */
export function openThread(
	sodium: Sodium,
	reportRef: string,
	messages: SealedMessage[],
	reporter: { publicKey: Uint8Array; privateKey: Uint8Array }
): OpenMessage[] {
	return messages.map((m) => {
		const base = { id: m.id, direction: m.direction, created_at: m.created_at };
		try {
			const key = openSealedKey(
				sodium,
				fromBase64url(m.key_for_reporter),
				reporter.publicKey,
				reporter.privateKey
			);
			const body = openPadded(sodium, {
				key,
				nonce: fromBase64url(m.nonce),
				ciphertext: fromBase64url(m.ciphertext),
				ad: messageAd(reportRef, m.direction as Direction)
			}) as { text?: unknown; files?: unknown };
			sodium.memzero(key);
			const files = Array.isArray(body.files)
				? body.files.map((f: { name?: unknown }) => String(f?.name ?? 'file'))
				: [];
			return { ...base, text: typeof body.text === 'string' ? body.text : '', files };
		} catch {
			return { ...base, text: null, files: [] };
		}
	});
}
