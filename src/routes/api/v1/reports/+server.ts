import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readMultipart } from '$lib/server/reports/api-error';
import { acceptSealedReport } from '$lib/server/reports/submit';
import type { RequestHandler } from './$types';
import { jsonEndpoint } from '$lib/server/api/endpoint';

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(async () => {
		const { ref } = await acceptSealedReport(await getDb(), await readMultipart(request));
		return json({ ref }, { status: 201 });
	});
