import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { toMe } from '$lib/server/staff/repository';
import { CASE_ROLES } from '$lib/server/triage/api';
import { findReportByRef } from '$lib/server/triage/case-file';
import { REPORT_REF_PATTERN } from '$lib/report/vocabulary';
import { assignableStaff } from '$lib/server/triage/triage';
import { warningStateOfReports } from '$lib/server/warnings/store';
import { mashReferralOf, recordMashReferral } from '$lib/server/triage/mash';
import { formFields, refusalsAsFailures } from '$lib/server/staff/form';
import { notFound } from '$lib/server/triage/api';
import type { Actions, PageServerLoad } from './$types';

/** The page shell only: the browser fetches the ciphertext from the staff API (an audited
 * opening) and decrypts it with the unlocked unit keyring. */
export const load = (async (event) => {
	const staff = requireStaff(event, ...CASE_ROLES);
	const db = await getDb();
	const report = REPORT_REF_PATTERN.test(event.params.ref)
		? await findReportByRef(db, event.params.ref)
		: undefined;
	if (!report) {
		error(404, { message: 'No report has this reference.', code: 'not_found' });
	}
	return {
		me: toMe(staff),
		ref: event.params.ref,
		staff: await assignableStaff(db),
		warning: (await warningStateOfReports(db, [report.id]))[report.id],
		// Under 18 or unsure (the envelope's safeguarding flag): the page prompts a MASH referral.
		mash: report.safeguarding === 1 ? { referral: await mashReferralOf(db, report.ref) } : null
	};
}) satisfies PageServerLoad;

export const actions = {
	mash: (event) =>
		refusalsAsFailures(async () => {
			const staff = requireStaff(event, ...CASE_ROLES);
			await formFields(event.request);
			if (!REPORT_REF_PATTERN.test(event.params.ref)) {
				throw notFound();
			}
			return { mashRecorded: await recordMashReferral(await getDb(), staff, event.params.ref) };
		})
} satisfies Actions;
