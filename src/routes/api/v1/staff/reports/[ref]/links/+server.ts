import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { fromIssues, readJson } from '$lib/server/reports/api-error';
import { CASE_ROLES, notFound, staffAnswer } from '$lib/server/triage/api';
import { storeLinks } from '$lib/server/triage/links';
import { LinksSchema, REF_PATTERN } from '$lib/server/triage/schemas';
import type { RequestHandler } from './$types';

/** Blind indexes of a report's identifiers (DESIGN §5.6); idempotent. Answers with the reports
 * that now share an identifier with it. */
export const POST: RequestHandler = (event) =>
	staffAnswer(async () => {
		const staff = requireStaff(event, ...CASE_ROLES);
		if (!REF_PATTERN.test(event.params.ref)) {
			throw notFound();
		}
		const parsed = v.safeParse(LinksSchema, await readJson(event.request));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		return json(await storeLinks(await getDb(), staff, event.params.ref, parsed.output.indexes));
	});
