import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import type { RequestHandler } from './$types';
import { DomainError } from '$lib/server/errors';
import { jsonEndpoint } from '$lib/server/api/endpoint';

/** The key new reports are sealed to. A client should show the fingerprint for comparison. */
export const GET: RequestHandler = () =>
	jsonEndpoint(async () => {
		const key = await publishedUnitKey(await getDb());
		if (!key) {
			throw new DomainError(
				404,
				'not_set_up',
				'The unit has not set up its key yet, so reports cannot be sent.'
			);
		}
		return json(key);
	});
