import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { partnerEndpoint, readBody } from '$lib/server/partners/endpoint';
import { grantWalletKey } from '$lib/server/partners/wallet';
import { WalletGrantSchema } from '$lib/partner/schemas';
import type { RequestHandler } from './$types';

/** The wallet key, sealed in this worker's browser to a colleague's box key. */
export const POST: RequestHandler = (event) =>
	partnerEndpoint(event, async ({ worker }) => {
		const input = await readBody(event.request, WalletGrantSchema, 4096);
		await grantWalletKey(await getDb(), worker, input);
		return json({ granted: input.staff_id });
	});
