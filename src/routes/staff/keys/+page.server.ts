import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import { toMe } from '$lib/server/staff/repository';
import type { PageServerLoad } from './$types';

/** The unit's published key and a check that this browser's keyring opens what is sealed to it:
 * a tool for admins and for whoever builds another client of the JSON API, not for case work. */
export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	return { me: toMe(admin), unitKey: await publishedUnitKey(await getDb()) };
}) satisfies PageServerLoad;
