import type { Db } from '../db';
import { encryptFile } from '../../crypto/file-stream';
import { formatReportCode } from '../../crypto/report-code';
import { getSodium } from '../../crypto/sodium';
import type { FileMeta } from '../../report/body';
import { parseDraft, type FormErrors, type ReportDraft } from '../../report/form';
import { AEAD_TAG, MAX_PADDED_REPORT } from '../../report/limits';
import { fileProblemWords } from '$lib/i18n/files';
import { sealReportPayload } from '../../report/payload';
import { storeReport } from './writer-thread';
import { cleanFile, type CleanedFile } from './clean-picture';
import { activeUnitKey } from './unit-key';
import { loadAreas } from '../settings/areas';

export type ServerSealResult =
	{ ok: true; code: string; notCleaned: string[] } | { ok: false; errors: FormErrors };

/** Browsers send an empty, nameless file part when no file was chosen. */
export const chosenFiles = (values: FormDataEntryValue[]): File[] =>
	values.filter((f): f is File => typeof f !== 'string' && (f.size > 0 || f.name !== ''));

export function checkFiles(files: File[]): FormErrors {
	const problem = fileProblemWords(files);
	return problem ? { files: problem } : {};
}

/** Photos redrawn without their hidden details, or marked when that cannot be done. */
export const cleanFiles = (files: File[]): Promise<CleanedFile[]> =>
	Promise.all(
		files.map(async (f) => cleanFile(f.name, f.type, new Uint8Array(await f.arrayBuffer())))
	);

/** The file entries of the encrypted body: the unit sees which pictures were not cleaned. */
export const fileMetas = (files: CleanedFile[]): FileMeta[] =>
	files.map((f) => ({
		name: f.name.slice(0, 255),
		type: f.type.slice(0, 100),
		size: f.bytes.length,
		...(f.cleaned === undefined ? {} : { cleaned: f.cleaned })
	}));

export const notCleanedNames = (files: CleanedFile[]) =>
	files.filter((f) => f.cleaned === false).map((f) => f.name);

/**
 * The no-JavaScript path (DESIGN §5.4): the reporter's browser could not encrypt, so the server
 * does exactly what the browser would (§5.1–5.2), on arrival, and stores only the result. The
 * plaintext is never logged or written anywhere; the report code goes back to the reporter in
 * the response and is not kept.
 */
export async function sealOnServer(
	db: Db,
	draft: ReportDraft,
	files: File[],
	lang = 'en'
): Promise<ServerSealResult> {
	const fileErrors = checkFiles(files);
	if (Object.keys(fileErrors).length > 0) {
		return { ok: false, errors: fileErrors };
	}
	const cleaned = await cleanFiles(files);
	const contents = cleaned.map((f) => f.bytes);
	const metas = fileMetas(cleaned);
	const parsed = parseDraft(draft, metas, await loadAreas(db), lang);
	if (!parsed.ok) {
		return parsed;
	}
	const unitKey = await activeUnitKey(db);
	if (!unitKey) {
		return {
			ok: false,
			errors: { form: 'Reports cannot be sent yet: the unit has not finished setting up.' }
		};
	}

	const sodium = await getSodium();
	const { code, reporter, sealed, payload } = sealReportPayload(sodium, {
		body: parsed.body,
		envelope: parsed.envelope,
		unitKeyId: unitKey.id,
		unitPublicKey: new Uint8Array(unitKey.public_key)
	});
	if (sealed.ciphertext.length > MAX_PADDED_REPORT + AEAD_TAG) {
		sodium.memzero(sealed.key);
		return { ok: false, errors: { size: 'Your report is too long. Please make it shorter.' } };
	}
	const encrypted = contents.map((bytes, i) =>
		encryptFile(sodium, sealed.key, i, 'rptfile1', bytes)
	);
	sodium.memzero(sealed.key);
	sodium.memzero(reporter.privateKey);
	for (const bytes of contents) {
		bytes.fill(0);
	}

	await storeReport(db, payload, encrypted, 'server');
	return { ok: true, code: formatReportCode(code), notCleaned: notCleanedNames(cleaned) };
}
