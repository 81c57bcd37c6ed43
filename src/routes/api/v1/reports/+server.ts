import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { answer, readMultipart } from '$lib/server/reports/api-error';
import { acceptSealedReport } from '$lib/server/reports/submit';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	answer(async () => {
		const { ref } = await acceptSealedReport(await getDb(), await readMultipart(request));
		return json({ ref }, { status: 201 });
	});
