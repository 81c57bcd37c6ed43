import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { staffEndpoint } from '$lib/server/api/endpoint';
import { CASE_ROLES } from '$lib/server/triage/api';
import { readWarningRequest } from '$lib/server/warnings/api';
import { createWarning } from '$lib/server/warnings/compose';
import { CreateWarningRequest } from '$lib/report/warning';
import type { RequestHandler } from './$types';

/** Saves a new draft, from a report (composed in the reviewer's browser) or from nothing. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		const input = await readWarningRequest(event.request, CreateWarningRequest);
		return json(await createWarning(await getDb(), staff, input), { status: 201 });
	});
