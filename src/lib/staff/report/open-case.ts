import { fromBase64url, fromUtf8 } from '../../crypto/encoding';
import { unitKeyPair, type UnitKeyring } from '../../crypto/keyring';
import { messageAd, noteAd, openPadded, type Direction } from '../../crypto/message-box';
import { openReport, openSealedKey } from '../../crypto/report-box';
import type { Sodium } from '../../crypto/sodium';
import type { CaseFile } from '../../api/case-file';
import { fetchJson } from '../../api/client';

/** The outcome of opening a report in the staff browser. */
export type OpenedReport =
	| { state: 'verified'; envelope: Record<string, unknown>; body: unknown; key: Uint8Array }
	/** The ciphertext does not match the stored envelope or unit key id: someone altered them. */
	| { state: 'tampered'; reason: string }
	/** This keyring predates the unit key the report was sealed to. */
	| { state: 'no_key' };

export interface OpenedItem {
	id: string;
	/** null when it could not be opened (damaged, or sealed to a key this keyring lacks). */
	text: string | null;
	/** The message key, kept only to decrypt the message's files. */
	key: Uint8Array | null;
	/** `cleaned: false`: a picture whose hidden details could not be removed. */
	files: { name: string; type: string; size: number; cleaned?: boolean }[];
}

export async function fetchCaseFile(
	ref: string,
	purpose: 'read' | 'evidence' | 'index' = 'read'
): Promise<CaseFile> {
	return fetchJson<CaseFile>(
		`/api/v1/staff/reports/${encodeURIComponent(ref)}?purpose=${purpose}`,
		{ headers: { accept: 'application/json' } },
		'The report could not be fetched.'
	);
}

/** Opens K and the body. The envelope is bound into the associated data (DESIGN §5.2), so a
 * changed envelope or unit key id makes decryption fail: that is the envelope check. */
export function openCaseReport(sodium: Sodium, keyring: UnitKeyring, file: CaseFile): OpenedReport {
	const pair = unitKeyPair(sodium, keyring, file.unit_key_id);
	if (!pair) {
		return { state: 'no_key' };
	}
	let key: Uint8Array;
	try {
		key = openSealedKey(sodium, fromBase64url(file.key_for_unit), pair.publicKey, pair.privateKey);
	} catch {
		return { state: 'tampered', reason: 'The sealed report key does not open with the unit key.' };
	}
	let envelope: Record<string, unknown>;
	try {
		envelope = JSON.parse(file.envelope_json) as Record<string, unknown>;
	} catch {
		return { state: 'tampered', reason: 'The stored envelope is not valid JSON.' };
	}
	try {
		const body = openReport(sodium, {
			key,
			nonce: fromBase64url(file.nonce),
			ciphertext: fromBase64url(file.ciphertext),
			unitKeyId: file.unit_key_id,
			envelope
		});
		return { state: 'verified', envelope, body, key };
	} catch {
		return {
			state: 'tampered',
			reason: 'The envelope or the encrypted report does not match what the reporter sealed.'
		};
	}
}

/** Opens a key sealed to "the unit": the report's key first, then every other key, newest first
 * (a reporter's later message is sealed to whichever key was active then). */
function openUnitSealed(
	sodium: Sodium,
	keyring: UnitKeyring,
	sealed: Uint8Array,
	preferredId: string
): Uint8Array | null {
	const ids = [preferredId, ...keyring.keys.map((k) => k.id).reverse()];
	for (const id of new Set(ids)) {
		const pair = unitKeyPair(sodium, keyring, id);
		if (!pair) {
			continue;
		}
		try {
			return openSealedKey(sodium, sealed, pair.publicKey, pair.privateKey);
		} catch {
			// try the next key
		}
	}
	return null;
}

function openItem(
	sodium: Sodium,
	keyring: UnitKeyring,
	unitKeyId: string,
	item: { id: string; nonce: string; ciphertext: string; key_for_unit: string },
	ad: Uint8Array
): OpenedItem {
	try {
		const key = openUnitSealed(sodium, keyring, fromBase64url(item.key_for_unit), unitKeyId);
		if (!key) {
			return { id: item.id, text: null, key: null, files: [] };
		}
		const body = openPadded(sodium, {
			key,
			nonce: fromBase64url(item.nonce),
			ciphertext: fromBase64url(item.ciphertext),
			ad
		}) as { text?: unknown; files?: unknown };
		const files = Array.isArray(body.files)
			? body.files.map(
					(f: { name?: unknown; type?: unknown; size?: unknown; cleaned?: unknown }) => ({
						name: String(f?.name ?? 'file'),
						type: String(f?.type ?? ''),
						size: Number(f?.size ?? 0),
						...(f?.cleaned === false ? { cleaned: false } : {})
					})
				)
			: [];
		return { id: item.id, text: typeof body.text === 'string' ? body.text : '', key, files };
	} catch {
		return { id: item.id, text: null, key: null, files: [] };
	}
}

export const openCaseMessages = (sodium: Sodium, keyring: UnitKeyring, file: CaseFile) =>
	file.messages.map((m) =>
		openItem(sodium, keyring, file.unit_key_id, m, messageAd(file.ref, m.direction as Direction))
	);

export const openCaseNotes = (sodium: Sodium, keyring: UnitKeyring, file: CaseFile) =>
	file.notes.map((n) => openItem(sodium, keyring, file.unit_key_id, n, noteAd(file.ref)));

export { fromUtf8 };
