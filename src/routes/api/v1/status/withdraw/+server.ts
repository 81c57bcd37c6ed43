import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { WithdrawRequestSchema } from '$lib/report/api';
import { readJson } from '$lib/server/reports/api-error';
import { requireReportByLookup, withdrawReport } from '$lib/server/reports/reporter-access';
import type { RequestHandler } from './$types';
import { fromIssues } from '$lib/server/errors';
import { jsonEndpoint } from '$lib/server/api/endpoint';

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(async () => {
		const parsed = v.safeParse(WithdrawRequestSchema, await readJson(request));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		const db = await getDb();
		await withdrawReport(db, await requireReportByLookup(db, parsed.output.lookup));
		return json({ withdrawn: true });
	});
