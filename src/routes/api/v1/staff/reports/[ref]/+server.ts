import { json } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { CASE_ROLES, notFound, staffAnswer } from '$lib/server/triage/api';
import { openCaseFile, type OpenPurpose } from '$lib/server/triage/case-file';
import { REF_PATTERN } from '$lib/server/triage/schemas';
import { ApiFailure } from '$lib/server/reports/api-error';
import type { RequestHandler } from './$types';

const PURPOSES: OpenPurpose[] = ['read', 'evidence', 'index'];

/** A report's ciphertext for the staff browser to open; recorded as 'report.opened'. */
export const GET: RequestHandler = (event) =>
	staffAnswer(async () => {
		const staff = requireStaff(event, ...CASE_ROLES);
		if (!REF_PATTERN.test(event.params.ref)) {
			throw notFound();
		}
		const purpose = (event.url.searchParams.get('purpose') ?? 'read') as OpenPurpose;
		if (!PURPOSES.includes(purpose)) {
			throw new ApiFailure(400, 'invalid', 'Unknown purpose.', 'purpose');
		}
		return json(await openCaseFile(await getDb(), staff, event.params.ref, purpose));
	});
