import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { readJson } from '$lib/server/reports/api-error';
import { CASE_ROLES, notFound } from '$lib/server/triage/api';
import { TriageSchema } from '$lib/server/triage/schemas';
import { REPORT_REF_PATTERN } from '$lib/report/vocabulary';
import { applyTriage } from '$lib/server/triage/triage';
import { staffEndpoint } from '$lib/server/api/endpoint';
import type { RequestHandler } from './$types';
import { fromIssues } from '$lib/server/errors';

/** Team, status, outcome, assignee, THRIVE and response grade; rationale as an encrypted note. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		if (!REPORT_REF_PATTERN.test(event.params.ref)) {
			throw notFound();
		}
		const parsed = v.safeParse(TriageSchema, await readJson(event.request, 256 * 1024));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		return json(await applyTriage(await getDb(), staff, event.params.ref, parsed.output));
	});
