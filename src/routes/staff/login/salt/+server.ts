import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { saltFor } from '$lib/server/staff/fake-salt';
import { ApiFailure, failureResponse, readJson } from '$lib/server/reports/api-error';
import { apiError } from '$lib/server/staff/api';
import { normalizeUsername, SaltRequest } from '$lib/staff/schemas';
import type { RequestHandler } from './$types';

/**
 * Step one of signing in: the argon2id salt and limits for a username. Unknown names get a stable
 * fake salt with the same limits, through the same queries, so the answer cannot tell them apart.
 * POST, so the name never sits in a URL.
 */
export const POST: RequestHandler = async ({ request }) => {
	let body: unknown;
	try {
		body = await readJson(request, 1024);
	} catch (err) {
		if (err instanceof ApiFailure && err.status !== 400) {
			return failureResponse(err);
		}
		body = null;
	}
	const parsed = v.safeParse(SaltRequest, body);
	if (!parsed.success) {
		return apiError(400, 'invalid', 'Enter your username.', 'username');
	}
	return json(await saltFor(await getDb(), normalizeUsername(parsed.output.username)));
};
