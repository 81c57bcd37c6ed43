import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { staffEndpoint } from '$lib/server/api/endpoint';
import { getDb } from '$lib/server/db';
import { recordDeviation } from '$lib/server/deviations/record';
import { DeviationSubmission } from '$lib/server/deviations/schema';
import { fromIssues } from '$lib/server/errors';
import { readJson } from '$lib/server/reports/api-error';
import { CASE_ROLES } from '$lib/server/triage/api';
import type { RequestHandler } from './$types';

/** POST { record, signature }: a signed policy-deviation record (DESIGN §5.7) → 201 { id }. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		const parsed = v.safeParse(DeviationSubmission, await readJson(event.request, 64 * 1024));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		const { id } = await recordDeviation(await getDb(), staff, parsed.output);
		return json({ id }, { status: 201 });
	});
