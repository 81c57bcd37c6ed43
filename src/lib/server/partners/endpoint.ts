import type { RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { jsonEndpoint } from '../api/endpoint';
import type { PartnerOrg, Staff } from '../db/schema';
import { fromIssues } from '../errors';
import { readJson } from '../reports/api-error';
import { requirePartner } from './guard';

/** Runs a partner JSON endpoint: the session check runs inside the adapter, so a refusal has the
 * API's error shape. */
export const partnerEndpoint = (
	event: RequestEvent,
	work: (partner: { worker: Staff; org: PartnerOrg }) => Promise<Response>
): Promise<Response> => jsonEndpoint(() => work(requirePartner(event)));

/** The request's JSON body, validated with a shared schema (a 400 naming the field if not). */
export async function readBody<S extends v.GenericSchema>(
	request: Request,
	schema: S,
	maxBytes: number
): Promise<v.InferOutput<S>> {
	const parsed = v.safeParse(schema, await readJson(request, maxBytes));
	if (!parsed.success) {
		throw fromIssues(parsed.issues);
	}
	return parsed.output;
}
