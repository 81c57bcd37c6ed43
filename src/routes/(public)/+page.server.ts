import { getDb } from '$lib/server/db';
import { loadContacts } from '$lib/server/settings/contacts';
import type { PageServerLoad } from './$types';

export const load = (async () => ({
	contacts: await loadContacts(await getDb())
})) satisfies PageServerLoad;
