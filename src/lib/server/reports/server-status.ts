import type { Db } from '../db';
import type { Report } from '../db/schema';
import { encryptFile } from '../../crypto/file-stream';
import { sealMessage } from '../../crypto/message-box';
import {
	checkReportCode,
	deriveReporterSecrets,
	type ReporterSecrets
} from '../../crypto/report-code';
import { getSodium } from '../../crypto/sodium';
import { openThread, type OpenMessage } from '../../report/thread';
import { findReportByLookup, statusView, type StatusView } from './reporter-access';
import { cleanFiles, fileMetas, notCleanedNames } from './server-seal';
import { activeUnitKey } from './unit-key';

/**
 * The status page without JavaScript (DESIGN §5.4): the server derives the reporter's keys from
 * the code for this one request, opens the thread for the page it renders, and forgets them.
 */

export type CodeLookup =
	| { ok: true; report: Report; secrets: ReporterSecrets; code: string }
	| { ok: false; reason: 'empty' | 'length' | 'characters' | 'typo' | 'not_found' };

export async function lookupByCode(db: Db, input: string): Promise<CodeLookup> {
	if (input.trim() === '') {
		return { ok: false, reason: 'empty' };
	}
	const sodium = await getSodium();
	const checked = checkReportCode(sodium, input);
	if (!checked.ok) {
		return { ok: false, reason: checked.reason };
	}
	const secrets = deriveReporterSecrets(sodium, checked.code);
	const report = await findReportByLookup(db, secrets.lookup);
	if (!report) {
		return { ok: false, reason: 'not_found' };
	}
	return { ok: true, report, secrets, code: checked.code };
}

export interface OpenedStatus {
	view: Omit<StatusView, 'report' | 'messages'>;
	messages: OpenMessage[];
}

export async function openStatus(
	db: Db,
	report: Report,
	secrets: ReporterSecrets
): Promise<OpenedStatus> {
	const sodium = await getSodium();
	const { report: _sealed, messages, ...view } = await statusView(db, report);
	return { view, messages: openThread(sodium, report.ref, messages, secrets) };
}

/** Seals a reporter's message on the server, for the no-JavaScript status page. */
export async function sealReporterMessageOnServer(
	report: Report,
	db: Db,
	kind: 'reply' | 'more_info',
	text: string,
	files: File[]
) {
	const sodium = await getSodium();
	const unitKey = await activeUnitKey(db);
	if (!unitKey) {
		throw new Error('no unit key');
	}
	const cleaned = await cleanFiles(files);
	const contents = cleaned.map((f) => f.bytes);
	const body = { v: 1, kind, text, files: fileMetas(cleaned) };
	const sealed = sealMessage(sodium, {
		reportRef: report.ref,
		direction: 'from_reporter',
		body,
		unitPublicKey: new Uint8Array(unitKey.public_key),
		reporterPublicKey: new Uint8Array(report.reporter_pk)
	});
	const attachments = contents.map((bytes, i) =>
		encryptFile(sodium, sealed.key, i, 'msgfile1', bytes)
	);
	sodium.memzero(sealed.key);
	return {
		nonce: sealed.nonce,
		ciphertext: sealed.ciphertext,
		keyForUnit: sealed.keyForUnit,
		keyForReporter: sealed.keyForReporter,
		attachments,
		notCleaned: notCleanedNames(cleaned)
	};
}
