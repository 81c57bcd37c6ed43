import { getDb } from '$lib/server/db';
import { getSetting } from '$lib/server/settings/store';
import { parseContacts } from '$lib/report/contacts';
import type { PageServerLoad } from './$types';

export const load = (async () => ({
	contacts: parseContacts(await getSetting(await getDb(), 'support_contacts'))
})) satisfies PageServerLoad;
