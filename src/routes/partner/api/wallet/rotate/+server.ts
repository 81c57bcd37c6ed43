import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { partnerEndpoint, readBody } from '$lib/server/partners/endpoint';
import { rotateWallet } from '$lib/server/partners/wallet';
import { MAX_WALLET_BYTES, WalletRotationSchema } from '$lib/partner/schemas';
import type { RequestHandler } from './$types';

const MAX_BODY = Math.ceil((MAX_WALLET_BYTES * 4) / 3) + 500 * 200;

/** A new wallet key after a worker left, made in a remaining worker's browser. */
export const POST: RequestHandler = (event) =>
	partnerEndpoint(event, async ({ worker }) => {
		const input = await readBody(event.request, WalletRotationSchema, MAX_BODY);
		await rotateWallet(await getDb(), worker, input);
		return json({ revision: input.revision, key_version: input.key_version });
	});
