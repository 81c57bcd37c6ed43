import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { fromBase64url } from '$lib/crypto/encoding';
import { MessagePayloadSchema } from '$lib/report/api';
import { jsonPart, readMultipart } from '$lib/server/reports/api-error';
import { readAttachmentParts } from '$lib/server/reports/attachments';
import { addReporterMessage, requireReportByLookup } from '$lib/server/reports/reporter-access';
import type { RequestHandler } from './$types';
import { fromIssues } from '$lib/server/errors';
import { jsonEndpoint } from '$lib/server/api/endpoint';

/** A reply or more information from the reporter, sealed by the client (DESIGN §5.3). */
export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(async () => {
		const form = await readMultipart(request);
		const parsed = v.safeParse(MessagePayloadSchema, await jsonPart(form, 'message'));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		const message = parsed.output;
		const attachments = await readAttachmentParts(form, message.attachments, ['message']);
		const db = await getDb();
		const report = await requireReportByLookup(db, message.lookup);
		const { id } = await addReporterMessage(db, report, {
			nonce: fromBase64url(message.nonce),
			ciphertext: fromBase64url(message.ciphertext),
			keyForUnit: fromBase64url(message.key_for_unit),
			keyForReporter: fromBase64url(message.key_for_reporter),
			attachments
		});
		return json({ id }, { status: 201 });
	});
