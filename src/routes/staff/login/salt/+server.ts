import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { saltFor } from '$lib/server/staff/fake-salt';
import { jsonEndpoint } from '$lib/server/api/endpoint';
import { DomainError } from '$lib/server/errors';
import { readJson } from '$lib/server/reports/api-error';
import { normalizeUsername, SaltRequest } from '$lib/staff/schemas';
import type { RequestHandler } from './$types';

/**
 * Step one of signing in: the argon2id salt and limits for a username. Unknown names get a stable
 * fake salt with the same limits, through the same queries, so the answer cannot tell them apart.
 * POST, so the name never sits in a URL.
 */
export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(async () => {
		let body: unknown = null;
		try {
			body = await readJson(request, 1024);
		} catch (err) {
			// A body that is not JSON only lacks a username; one over the cap is refused as such.
			if (!(err instanceof DomainError) || err.status !== 400) {
				throw err;
			}
		}
		const parsed = v.safeParse(SaltRequest, body);
		if (!parsed.success) {
			throw new DomainError(400, 'invalid', 'Enter your username.', 'username');
		}
		return json(await saltFor(await getDb(), normalizeUsername(parsed.output.username)));
	});
