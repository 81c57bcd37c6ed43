import { json } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { CASE_ROLES, staffAnswer } from '$lib/server/triage/api';
import { readWarningRequest, warningId } from '$lib/server/warnings/api';
import { editWarning } from '$lib/server/warnings/compose';
import { EditWarningRequest } from '$lib/report/warning';
import type { RequestHandler } from './$types';

/** Saves an edit: a draft is rewritten, a published warning gets a new version. */
export const PUT: RequestHandler = (event) =>
	staffAnswer(async () => {
		const staff = requireStaff(event, ...CASE_ROLES);
		const id = warningId(event.params.id);
		const { content } = await readWarningRequest(event.request, EditWarningRequest);
		return json(await editWarning(await getDb(), staff, id, content));
	});
