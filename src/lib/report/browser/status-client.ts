import { fromBase64url, toBase64url } from '../../crypto/encoding';
import { encryptFile } from '../../crypto/file-stream';
import { sealMessage } from '../../crypto/message-box';
import {
	checkReportCode,
	deriveReporterSecrets,
	type CodeCheck,
	type ReporterSecrets
} from '../../crypto/report-code';
import type { Sodium } from '../../crypto/sodium';
import type { PoliceChoice } from '../consent';
import { AEAD_TAG, MAX_PADDED_MESSAGE } from '../limits';
import { openThread, type OpenMessage, type SealedMessage } from '../thread';
import type { UnitKeyInfo } from '../../api/unit-key';
import { apiErrorFrom } from '../../api/client';
import { reporterErrorText } from '$lib/i18n/api-errors';
import { m } from '$lib/paraglide/messages';

/** The status page with JavaScript: the code never leaves this page; `lookup` is what is sent. */

export interface StatusData {
	ref: string;
	created_at: string;
	status: string;
	label: string;
	explain: string;
	withdrawn: boolean;
	sealed_by: string;
	envelope: { types: string[]; month: string; area: string };
	consent: { warn: boolean; police: PoliceChoice };
	messages: SealedMessage[];
}

export interface Session {
	lookup: string;
	secrets: ReporterSecrets;
}

export type CheckResult =
	| { ok: true; session: Session }
	| { ok: false; reason: Exclude<CodeCheck, { ok: true }>['reason'] };

export function startSession(sodium: Sodium, input: string): CheckResult {
	const checked = checkReportCode(sodium, input);
	if (!checked.ok) {
		return checked;
	}
	const secrets = deriveReporterSecrets(sodium, checked.code);
	return { ok: true, session: { lookup: toBase64url(secrets.lookup), secrets } };
}

async function postJson(path: string, body: unknown): Promise<Response> {
	return fetch(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		cache: 'no-store',
		// A lookup carries no cookie, also when a partner worker follows up a wallet's report.
		credentials: 'omit'
	});
}

export async function fetchStatus(
	sodium: Sodium,
	session: Session
): Promise<{ data: StatusData; messages: OpenMessage[] } | 'not_found'> {
	const res = await postJson('/api/v1/status', { lookup: session.lookup });
	if (res.status === 404) {
		return 'not_found';
	}
	if (!res.ok) {
		throw new Error(await errorMessage(res));
	}
	const data = (await res.json()) as StatusData;
	return { data, messages: openThread(sodium, data.ref, data.messages, session.secrets) };
}

export class MessageTooLong extends Error {}

export async function sendMessage(
	sodium: Sodium,
	args: {
		session: Session;
		ref: string;
		unitKey: UnitKeyInfo;
		kind: 'reply' | 'more_info';
		text: string;
		files: { name: string; type: string; bytes: Uint8Array; cleaned?: boolean }[];
	}
) {
	const sealed = sealMessage(sodium, {
		reportRef: args.ref,
		direction: 'from_reporter',
		body: {
			v: 1,
			kind: args.kind,
			text: args.text,
			files: args.files.map((f) => ({
				name: f.name,
				type: f.type,
				size: f.bytes.length,
				...(f.cleaned === undefined ? {} : { cleaned: f.cleaned })
			}))
		},
		unitPublicKey: fromBase64url(args.unitKey.public_key),
		reporterPublicKey: args.session.secrets.publicKey
	});
	if (sealed.ciphertext.length > MAX_PADDED_MESSAGE + AEAD_TAG) {
		throw new MessageTooLong();
	}
	const body = new FormData();
	body.append(
		'message',
		JSON.stringify({
			lookup: args.session.lookup,
			nonce: toBase64url(sealed.nonce),
			ciphertext: toBase64url(sealed.ciphertext),
			key_for_unit: toBase64url(sealed.keyForUnit),
			key_for_reporter: toBase64url(sealed.keyForReporter),
			attachments: args.files.length
		})
	);
	args.files.forEach((f, i) => {
		const encrypted = encryptFile(sodium, sealed.key, i, 'msgfile1', f.bytes);
		body.append(
			`attachment${i}`,
			new Blob([encrypted as Uint8Array<ArrayBuffer>]),
			`attachment${i}`
		);
	});
	sodium.memzero(sealed.key);
	const res = await fetch('/api/v1/status/messages', {
		method: 'POST',
		body,
		cache: 'no-store',
		credentials: 'omit'
	});
	if (!res.ok) {
		throw new Error(await errorMessage(res));
	}
}

export async function sendConsent(session: Session, warn: boolean, police: PoliceChoice) {
	const res = await postJson('/api/v1/status/consent', { lookup: session.lookup, warn, police });
	if (!res.ok) {
		throw new Error(await errorMessage(res));
	}
}

export async function sendWithdraw(session: Session) {
	const res = await postJson('/api/v1/status/withdraw', { lookup: session.lookup });
	if (!res.ok) {
		throw new Error(await errorMessage(res));
	}
}

const errorMessage = async (res: Response): Promise<string> => {
	const error = await apiErrorFrom(res, m.api_went_wrong());
	return reporterErrorText(error.code, error.message);
};
