import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { CASE_ROLES } from '$lib/server/triage/api';
import { unindexedRefs } from '$lib/server/triage/links';
import { staffEndpoint } from '$lib/server/api/endpoint';
import type { RequestHandler } from './$types';

/** References of reports whose blind indexes no reviewer's browser has posted yet. */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async () => {
		return json({ refs: await unindexedRefs(await getDb()) });
	});
