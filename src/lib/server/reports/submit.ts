import * as v from 'valibot';
import type { Db } from '../db';
import { ReportPayloadSchema } from '../../report/api';
import { jsonPart } from './api-error';
import { readAttachmentParts } from './attachments';
import { spendProofOfWork } from './proof-of-work';
import { storeReport } from './writer-thread';
import { usableUnitKey } from './unit-key';
import { DomainError, fromIssues } from '../errors';
import { requireOpenArea } from '../settings/areas';

/**
 * POST /api/v1/reports: a report sealed by its client. Shapes first (cheap, and they make the
 * errors useful), then the proof of work, then what needs the database.
 */
export async function acceptSealedReport(db: Db, form: FormData) {
	const parsed = v.safeParse(ReportPayloadSchema, await jsonPart(form, 'report'));
	if (!parsed.success) {
		throw fromIssues(parsed.issues);
	}
	const payload = parsed.output;
	const attachments = await readAttachmentParts(form, payload.envelope.attachments, [
		'report',
		'pow'
	]);
	// Before the proof is spent: a report naming a retired area can be corrected and sent again.
	await requireOpenArea(db, payload.envelope.area);
	await spendProofOfWork(await jsonPart(form, 'pow'));
	if (!(await usableUnitKey(db, payload.unit_key_id))) {
		throw new DomainError(
			400,
			'unknown_unit_key',
			'This unit key is unknown or retired. Fetch /api/v1/unit-key and seal again.',
			'unit_key_id'
		);
	}
	return storeReport(db, payload, attachments, 'browser');
}
