import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { toBase64url } from '$lib/crypto/encoding';
import { getSodium } from '$lib/crypto/sodium';
import { fingerprint } from '$lib/crypto/staff-keys';
import { ApiFailure, answer } from '$lib/server/reports/api-error';
import { activeUnitKey } from '$lib/server/reports/unit-key';
import type { RequestHandler } from './$types';

/** The key new reports are sealed to. A client should show the fingerprint for comparison. */
export const GET: RequestHandler = () =>
	answer(async () => {
		const key = await activeUnitKey(await getDb());
		if (!key) {
			throw new ApiFailure(
				404,
				'not_set_up',
				'The unit has not set up its key yet, so reports cannot be sent.'
			);
		}
		const publicKey = new Uint8Array(key.public_key);
		return json({
			id: key.id,
			public_key: toBase64url(publicKey),
			fingerprint: fingerprint(await getSodium(), publicKey)
		});
	});
