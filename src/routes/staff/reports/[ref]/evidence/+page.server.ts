import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { toMe } from '$lib/server/staff/repository';
import { CASE_ROLES } from '$lib/server/triage/api';
import { findReportByRef } from '$lib/server/triage/case-file';
import { REPORT_REF_PATTERN } from '$lib/report/vocabulary';
import type { PageServerLoad } from './$types';

/** The printable evidence view: decrypted in the browser; fetching it is audited as an export. */
export const load = (async (event) => {
	const staff = requireStaff(event, ...CASE_ROLES);
	const db = await getDb();
	if (
		!REPORT_REF_PATTERN.test(event.params.ref) ||
		!(await findReportByRef(db, event.params.ref))
	) {
		error(404, { message: 'No report has this reference.', code: 'not_found' });
	}
	return { me: toMe(staff), ref: event.params.ref };
}) satisfies PageServerLoad;
