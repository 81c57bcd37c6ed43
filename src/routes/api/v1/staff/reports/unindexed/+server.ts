import { json } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { CASE_ROLES, staffAnswer } from '$lib/server/triage/api';
import { unindexedRefs } from '$lib/server/triage/links';
import type { RequestHandler } from './$types';

/** References of reports whose blind indexes no reviewer's browser has posted yet. */
export const GET: RequestHandler = (event) =>
	staffAnswer(async () => {
		requireStaff(event, ...CASE_ROLES);
		return json({ refs: await unindexedRefs(await getDb()) });
	});
