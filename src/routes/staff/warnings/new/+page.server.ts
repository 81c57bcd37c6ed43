import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { toMe } from '$lib/server/staff/repository';
import { CASE_ROLES } from '$lib/server/triage/api';
import { findReportByRef } from '$lib/server/triage/case-file';
import { REPORT_REF_PATTERN } from '$lib/report/vocabulary';
import { reportContext } from '$lib/server/warnings/staff-view';
import type { PageServerLoad } from './$types';

/** The editor for a new warning. From a report, the browser decrypts it and fills the editor. */
export const load = (async (event) => {
	const staff = requireStaff(event, ...CASE_ROLES);
	const db = await getDb();
	const ref = event.url.searchParams.get('report');
	let context: Awaited<ReturnType<typeof reportContext>> = {
		reportRef: null,
		consent: null,
		deviations: []
	};
	if (ref !== null) {
		const report = REPORT_REF_PATTERN.test(ref) ? await findReportByRef(db, ref) : undefined;
		if (!report) {
			error(404, { message: 'No report has this reference.', code: 'not_found' });
		}
		context = await reportContext(db, report.id);
	}
	return { me: toMe(staff), ...context };
}) satisfies PageServerLoad;
