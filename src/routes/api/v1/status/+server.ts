import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { StatusRequestSchema } from '$lib/report/api';
import { readJson } from '$lib/server/reports/api-error';
import { requireReportByLookup, statusView } from '$lib/server/reports/reporter-access';
import type { RequestHandler } from './$types';
import { fromIssues } from '$lib/server/errors';
import { jsonEndpoint } from '$lib/server/api/endpoint';

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(async () => {
		const parsed = v.safeParse(StatusRequestSchema, await readJson(request));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		const db = await getDb();
		return json(await statusView(db, await requireReportByLookup(db, parsed.output.lookup)));
	});
