import { getDb } from '$lib/server/db';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import type { PageServerLoad } from './$types';

export const load = (async () => ({
	fingerprint: (await publishedUnitKey(await getDb()))?.fingerprint ?? null
})) satisfies PageServerLoad;
