import { json } from '@sveltejs/kit';
import { staffEndpoint } from '$lib/server/api/endpoint';
import { getDb } from '$lib/server/db';
import { findGrant } from '$lib/server/staff/repository';
import { wrappedKeysOf } from '$lib/server/staff/wrapped-keys';
import type { RequestHandler } from './$types';

/** The signed-in member's wrapped secret keys and sealed keyring: useless without the passphrase. */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, [], async (staff) =>
		json(wrappedKeysOf(staff, await findGrant(await getDb(), staff.id)))
	);
