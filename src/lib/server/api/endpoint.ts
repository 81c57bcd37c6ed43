import { isHttpError, json, type RequestEvent } from '@sveltejs/kit';
import type { ApiErrorBody } from '../../api/error';
import { requireStaff } from '../auth/guard';
import type { Staff, StaffRole } from '../db/schema';
import { DomainError } from '../errors';

/** The one place the JSON error body is written. */
export function errorResponse(
	status: number,
	code: string,
	message: string,
	field?: string
): Response {
	const body: ApiErrorBody = { error: { code, message, ...(field ? { field } : {}) } };
	return json(body, { status });
}

/** Runs a JSON endpoint. A DomainError, or a SvelteKit 4xx such as requireStaff's, becomes its
 * `{ error: { code, message, field? } }` answer. Anything else is a bug: it is rethrown, logged
 * without request data and answered by SvelteKit's plain 500. */
export async function jsonEndpoint(work: () => Promise<Response>): Promise<Response> {
	try {
		return await work();
	} catch (err) {
		if (err instanceof DomainError) {
			return errorResponse(err.status, err.code, err.message, err.field);
		}
		if (isHttpError(err) && err.status < 500) {
			return errorResponse(err.status, err.body.code ?? 'refused', err.body.message);
		}
		throw err;
	}
}

/** Runs a staff JSON endpoint: the role check (requireStaff) runs inside the adapter, so a member
 * whose role may not use the endpoint gets the API's error shape, not SvelteKit's. No roles means
 * any signed-in member. */
export const staffEndpoint = (
	event: RequestEvent,
	roles: readonly StaffRole[],
	work: (staff: Staff) => Promise<Response>
): Promise<Response> => jsonEndpoint(() => work(requireStaff(event, ...roles)));
