import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { ConsentRequestSchema } from '$lib/report/api';
import { readJson } from '$lib/server/reports/api-error';
import { changeConsent, requireReportByLookup } from '$lib/server/reports/reporter-access';
import type { RequestHandler } from './$types';
import { fromIssues } from '$lib/server/errors';
import { jsonEndpoint } from '$lib/server/api/endpoint';

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(async () => {
		const parsed = v.safeParse(ConsentRequestSchema, await readJson(request));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		const { lookup, warn, police } = parsed.output;
		const db = await getDb();
		await changeConsent(db, await requireReportByLookup(db, lookup), { warn, police });
		return json({ warn, police });
	});
