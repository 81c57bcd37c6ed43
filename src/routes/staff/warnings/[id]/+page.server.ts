import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { toMe } from '$lib/server/staff/repository';
import { CASE_ROLES } from '$lib/server/triage/api';
import { cameFromReport, contentOf, findWarning } from '$lib/server/warnings/store';
import { reportContext } from '$lib/server/warnings/staff-view';
import type { PageServerLoad } from './$types';

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const load = (async (event) => {
	const staff = requireStaff(event, ...CASE_ROLES);
	const db = await getDb();
	const warning = ID_PATTERN.test(event.params.id)
		? await findWarning(db, event.params.id)
		: undefined;
	if (!warning) {
		error(404, { message: 'No warning has this id.', code: 'not_found' });
	}
	const versions = await db
		.selectFrom('warning_versions')
		.select(['version', 'saved_at'])
		.where('warning_id', '=', warning.id)
		.orderBy('version', 'desc')
		.execute();
	return {
		me: toMe(staff),
		warning: {
			id: warning.id,
			status: warning.status,
			version: warning.version,
			published_at: warning.published_at,
			retracted_at: warning.retracted_at,
			from_report: cameFromReport(warning),
			deviation_id: warning.deviation_id
		},
		content: contentOf(warning),
		versions,
		done: event.url.searchParams.get('done'),
		...(await reportContext(db, warning.report_id))
	};
}) satisfies PageServerLoad;
