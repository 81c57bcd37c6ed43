import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { ApiFailure, answer } from '$lib/server/reports/api-error';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import type { RequestHandler } from './$types';

/** The key new reports are sealed to. A client should show the fingerprint for comparison. */
export const GET: RequestHandler = () =>
	answer(async () => {
		const key = await publishedUnitKey(await getDb());
		if (!key) {
			throw new ApiFailure(
				404,
				'not_set_up',
				'The unit has not set up its key yet, so reports cannot be sent.'
			);
		}
		return json(key);
	});
