import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { CASE_ROLES, notFound } from '$lib/server/triage/api';
import { openCaseFile, type OpenPurpose } from '$lib/server/triage/case-file';
import { REPORT_REF_PATTERN } from '$lib/report/vocabulary';
import { staffEndpoint } from '$lib/server/api/endpoint';
import type { RequestHandler } from './$types';
import { DomainError } from '$lib/server/errors';

const PURPOSES: OpenPurpose[] = ['read', 'evidence', 'index'];

/** A report's ciphertext for the staff browser to open; recorded as 'report.opened'. */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		if (!REPORT_REF_PATTERN.test(event.params.ref)) {
			throw notFound();
		}
		const purpose = (event.url.searchParams.get('purpose') ?? 'read') as OpenPurpose;
		if (!PURPOSES.includes(purpose)) {
			throw new DomainError(400, 'invalid', 'Unknown purpose.', 'purpose');
		}
		return json(await openCaseFile(await getDb(), staff, event.params.ref, purpose));
	});
