import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { staffEndpoint } from '$lib/server/api/endpoint';
import { CASE_ROLES } from '$lib/server/triage/api';
import { readWarningRequest, warningId } from '$lib/server/warnings/api';
import { publishWarning } from '$lib/server/warnings/compose';
import { PublishWarningRequest } from '$lib/report/warning';
import type { RequestHandler } from './$types';

/** Publishes a draft, if the reporter's consent or a signed deviation record allows it. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		const id = warningId(event.params.id);
		const { deviation_id } = await readWarningRequest(event.request, PublishWarningRequest);
		return json(await publishWarning(await getDb(), staff, id, deviation_id ?? null));
	});
