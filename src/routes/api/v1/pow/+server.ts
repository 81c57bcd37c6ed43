import { json } from '@sveltejs/kit';
import { newChallenge } from '$lib/server/reports/proof-of-work';
import type { RequestHandler } from './$types';

/** A fresh ALTCHA challenge for POST /api/v1/reports (see the README's JSON API section). */
export const GET: RequestHandler = async () => json(await newChallenge());
