import { json } from '@sveltejs/kit';
import { toBase64url } from '$lib/crypto/encoding';
import { getDb } from '$lib/server/db';
import { partnerEndpoint, readBody } from '$lib/server/partners/endpoint';
import { listWorkers } from '$lib/server/partners/orgs';
import { createWallet, saveWallet, walletFor } from '$lib/server/partners/wallet';
import { MAX_WALLET_BYTES, NewWalletSchema, SealedWalletSchema } from '$lib/partner/schemas';
import type { WalletState } from '$lib/api/partner';
import type { RequestHandler } from './$types';

const b64 = (bytes: Uint8Array) => toBase64url(new Uint8Array(bytes));
/** base64 grows a body by a third; the rest is counters and names. */
const MAX_BODY = Math.ceil((MAX_WALLET_BYTES * 4) / 3) + 4096;

/** The wallet as ciphertext, for the worker's browser to open. */
export const GET: RequestHandler = (event) =>
	partnerEndpoint(event, async ({ worker, org }) => {
		const db = await getDb();
		const { wallet, grant } = await walletFor(db, worker);
		const workers = await listWorkers(db, org.id);
		const body: WalletState = {
			org_id: org.id,
			wallet: wallet
				? {
						key_version: wallet.key_version,
						revision: wallet.revision,
						nonce: b64(wallet.nonce),
						ciphertext: b64(wallet.ciphertext),
						rotation_due: wallet.rotation_due === 1
					}
				: null,
			sealed_key: grant ? b64(grant.sealed_key) : null,
			colleagues: workers
				.filter((w) => w.status === 'active')
				.map((w) => ({
					id: w.id,
					username: w.username,
					box_pk: b64(w.box_pk),
					has_key: wallet !== undefined && w.key_version === wallet.key_version
				}))
		};
		return json(body);
	});

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
