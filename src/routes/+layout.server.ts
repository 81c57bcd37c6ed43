import { env } from '$env/dynamic/private';
import { getDb } from '$lib/server/db';
import { loadAreas } from '$lib/server/settings/areas';
import { loadPortalNames } from '$lib/server/settings/portal';
import type { LayoutServerLoad } from './$types';

/** What every page may show: the portal's and unit's names (titles, headers) and the areas with
 * their current labels (old reports name retired ones too). A demo portal (npm run demo) says so
 * on every page, so no one mistakes it for the real one. Reads no cookie and sets none: public
 * pages stay cookie-free. */
export const load = (async () => {
	const db = await getDb();
	return {
		demo: env.DEMO === '1',
		portal: await loadPortalNames(db),
		areas: await loadAreas(db)
	};
}) satisfies LayoutServerLoad;
