import { getDb } from '$lib/server/db';
import { getSodium } from '$lib/crypto/sodium';
import { fingerprint } from '$lib/crypto/staff-keys';
import { activeUnitKey } from '$lib/server/reports/unit-key';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const key = await activeUnitKey(await getDb());
	return {
		fingerprint: key ? fingerprint(await getSodium(), new Uint8Array(key.public_key)) : null
	};
}) satisfies PageServerLoad;
