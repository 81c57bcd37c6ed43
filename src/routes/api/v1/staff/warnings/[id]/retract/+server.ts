import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { staffEndpoint } from '$lib/server/api/endpoint';
import { CASE_ROLES } from '$lib/server/triage/api';
import { warningId } from '$lib/server/warnings/api';
import { retractWarning } from '$lib/server/warnings/compose';
import type { RequestHandler } from './$types';

/** Retracts a warning (or discards a draft): gone from the bulletin, the check and the feed. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		const id = warningId(event.params.id);
		return json(await retractWarning(await getDb(), staff, id));
	});
