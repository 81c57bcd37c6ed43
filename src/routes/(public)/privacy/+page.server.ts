import { getDb } from '$lib/server/db';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import { reportDeletionText } from '$lib/report/retention';
import { loadRetention } from '$lib/server/retention/settings';
import type { PageServerLoad } from './$types';

export const load = (async () => ({
	fingerprint: (await publishedUnitKey(await getDb()))?.fingerprint ?? null,
	deletion: reportDeletionText(await loadRetention(await getDb()))
})) satisfies PageServerLoad;
