import { json } from '@sveltejs/kit';
import { partnerEndpoint } from '$lib/server/partners/endpoint';
import { wrappedKeysOf } from '$lib/server/staff/wrapped-keys';
import type { RequestHandler } from './$types';

/** The signed-in worker's wrapped secret keys; a partner worker never holds the unit keyring. */
export const GET: RequestHandler = (event) =>
	partnerEndpoint(event, async ({ worker }) => json(wrappedKeysOf(worker, null)));
