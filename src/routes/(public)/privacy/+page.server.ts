import { getDb } from '$lib/server/db';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import { reportDeletionWords } from '$lib/i18n/durations';
import { loadRetention } from '$lib/server/retention/settings';
import type { PageServerLoad } from './$types';

export const load = (async () => ({
	fingerprint: (await publishedUnitKey(await getDb()))?.fingerprint ?? null,
	deletion: reportDeletionWords(await loadRetention(await getDb()))
})) satisfies PageServerLoad;
