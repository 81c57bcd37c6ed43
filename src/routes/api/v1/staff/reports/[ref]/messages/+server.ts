import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { readJson } from '$lib/server/reports/api-error';
import { CASE_ROLES, notFound } from '$lib/server/triage/api';
import { SealedMessageSchema } from '$lib/server/triage/schemas';
import { REPORT_REF_PATTERN } from '$lib/report/vocabulary';
import { addUnitMessage } from '$lib/server/triage/triage';
import { staffEndpoint } from '$lib/server/api/endpoint';
import type { RequestHandler } from './$types';
import { fromIssues } from '$lib/server/errors';

/** A message to the reporter, sealed in the browser to the reporter and the unit. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		if (!REPORT_REF_PATTERN.test(event.params.ref)) {
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
