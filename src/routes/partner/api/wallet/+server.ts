import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { partnerEndpoint, readBody } from '$lib/server/partners/endpoint';
import { createWallet, saveWallet, walletState } from '$lib/server/partners/wallet';
import { MAX_WALLET_BYTES, NewWalletSchema, SealedWalletSchema } from '$lib/partner/schemas';
import type { RequestHandler } from './$types';

/** base64 grows a body by a third; the rest is counters. */
const MAX_BODY = Math.ceil((MAX_WALLET_BYTES * 4) / 3) + 4096;

/** The wallet as ciphertext, for the worker's browser to open. */
export const GET: RequestHandler = (event) =>
	partnerEndpoint(event, async ({ worker }) => json(await walletState(await getDb(), worker)));

/** The organisation's first wallet, made in this worker's browser. */
export const POST: RequestHandler = (event) =>
	partnerEndpoint(event, async ({ worker }) => {
		const input = await readBody(event.request, NewWalletSchema, MAX_BODY);
		await createWallet(await getDb(), worker, input);
		return json({ revision: input.revision, key_version: input.key_version }, { status: 201 });
	});

/** A new revision of the wallet (compare-and-swap: 409 `stale` if a colleague saved first). */
export const PUT: RequestHandler = (event) =>
	partnerEndpoint(event, async ({ worker }) => {
		const input = await readBody(event.request, SealedWalletSchema, MAX_BODY);
		await saveWallet(await getDb(), worker, input);
		return json({ revision: input.revision, key_version: input.key_version });
	});
