import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { fromIssues, readJson } from '$lib/server/reports/api-error';
import { CASE_ROLES, notFound, staffAnswer } from '$lib/server/triage/api';
import { REF_PATTERN, SealedMessageSchema } from '$lib/server/triage/schemas';
import { addUnitMessage } from '$lib/server/triage/triage';
import type { RequestHandler } from './$types';

/** A message to the reporter, sealed in the browser to the reporter and the unit. */
export const POST: RequestHandler = (event) =>
	staffAnswer(async () => {
		const staff = requireStaff(event, ...CASE_ROLES);
		if (!REF_PATTERN.test(event.params.ref)) {
			throw notFound();
		}
		const parsed = v.safeParse(SealedMessageSchema, await readJson(event.request, 128 * 1024));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		return json(await addUnitMessage(await getDb(), staff, event.params.ref, parsed.output), {
			status: 201
		});
	});
