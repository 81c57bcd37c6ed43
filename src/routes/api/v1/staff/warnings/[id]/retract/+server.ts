import { json } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { CASE_ROLES, staffAnswer } from '$lib/server/triage/api';
import { warningId } from '$lib/server/warnings/api';
import { retractWarning } from '$lib/server/warnings/compose';
import type { RequestHandler } from './$types';

/** Retracts a warning (or discards a draft): gone from the bulletin, the check and the feed. */
export const POST: RequestHandler = (event) =>
	staffAnswer(async () => {
		const staff = requireStaff(event, ...CASE_ROLES);
		const id = warningId(event.params.id);
		return json(await retractWarning(await getDb(), staff, id));
	});
