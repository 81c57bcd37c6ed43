import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { readJson } from '$lib/server/reports/api-error';
import { CASE_ROLES, notFound } from '$lib/server/triage/api';
import { storeLinks } from '$lib/server/triage/links';
import { LinksSchema } from '$lib/server/triage/schemas';
import { REPORT_REF_PATTERN } from '$lib/report/vocabulary';
import { staffEndpoint } from '$lib/server/api/endpoint';
import type { RequestHandler } from './$types';
import { fromIssues } from '$lib/server/errors';

/** Blind indexes of a report's identifiers (DESIGN §5.6); idempotent. Answers with the reports
 * that now share an identifier with it. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		if (!REPORT_REF_PATTERN.test(event.params.ref)) {
			throw notFound();
		}
		const parsed = v.safeParse(LinksSchema, await readJson(event.request));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		return json(await storeLinks(await getDb(), staff, event.params.ref, parsed.output.indexes));
	});
