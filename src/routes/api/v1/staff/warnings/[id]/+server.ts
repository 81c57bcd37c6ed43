import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { staffEndpoint } from '$lib/server/api/endpoint';
import { CASE_ROLES } from '$lib/server/triage/api';
import { readWarningRequest, warningId } from '$lib/server/warnings/api';
import { editWarning } from '$lib/server/warnings/compose';
import { EditWarningRequest } from '$lib/report/warning';
import type { RequestHandler } from './$types';

/** Saves an edit: a draft is rewritten, a published warning gets a new version. */
export const PUT: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		const id = warningId(event.params.id);
		const { content } = await readWarningRequest(event.request, EditWarningRequest);
		return json(await editWarning(await getDb(), staff, id, content));
	});
