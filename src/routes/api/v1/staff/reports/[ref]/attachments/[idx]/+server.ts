import { getDb } from '$lib/server/db';
import { CASE_ROLES, notFound } from '$lib/server/triage/api';
import { openAttachment } from '$lib/server/triage/case-file';
import { REPORT_REF_PATTERN } from '$lib/report/vocabulary';
import { staffEndpoint } from '$lib/server/api/endpoint';
import type { RequestHandler } from './$types';
import { DomainError } from '$lib/server/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One encrypted file, as stored: the browser decrypts it. `?message=<id>` for a reporter
 * message's file. Recorded as 'report.opened'. */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		if (!REPORT_REF_PATTERN.test(event.params.ref)) {
			throw notFound();
		}
		if (!/^\d{1,2}$/.test(event.params.idx)) {
			throw new DomainError(400, 'invalid', 'A file number is 0 or more.', 'idx');
		}
		const message = event.url.searchParams.get('message');
		if (message !== null && !UUID.test(message)) {
			throw new DomainError(400, 'invalid', 'Unknown message.', 'message');
		}
		const bytes = await openAttachment(
			await getDb(),
			staff,
			event.params.ref,
			Number(event.params.idx),
			message
		);
		return new Response(bytes, {
			headers: {
				'content-type': 'application/octet-stream',
				'content-length': String(bytes.length)
			}
		});
	});
