import { getDb } from '$lib/server/db';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import { loadReportPeriods } from '$lib/server/retention/settings';
import type { PageServerLoad } from './$types';

export const load = (async () => ({
	fingerprint: (await publishedUnitKey(await getDb()))?.fingerprint ?? null,
	// The periods, not the words: the page says them in its language, which may change in place.
	retention: await loadReportPeriods(await getDb())
})) satisfies PageServerLoad;
