import { getDb } from '$lib/server/db';
import { requirePartner } from '$lib/server/partners/guard';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import type { PageServerLoad } from './$types';

/** The public report form, for a signed-in worker. There is deliberately no form action here: a
 * report is only ever sent to /api/v1/reports, sealed in the browser and without a cookie, so
 * nothing ties it to this session (DESIGN §5.8). */
export const load = (async (event) => {
	requirePartner(event);
	return { unitKey: await publishedUnitKey(await getDb()) };
}) satisfies PageServerLoad;
