import type { Handle } from '@sveltejs/kit';
import { errorResponse } from '../api/endpoint';
import { isJsonApiPath } from '../api/paths';

/** Words for the refusals the framework writes itself, before or instead of an endpoint. */
export const FRAMEWORK_REFUSALS: Record<number, [code: string, message: string]> = {
	400: ['bad_request', 'The request could not be read.'],
	404: ['not_found', 'There is nothing at this address.'],
	405: ['method_not_allowed', 'This address does not take that method.'],
	413: ['too_large', 'The request is too large.'],
	415: ['unsupported_media_type', 'This address does not take that content type.']
};

/** What an unexpected failure is answered with: the operator's log has the rest. */
export const SERVER_ERROR: [code: string, message: string] = [
	'server_error',
	'Something went wrong on our side. Please try again.'
];

/**
 * Every error the JSON API gives is in its one shape, `{ error: { code, message } }`, even when
 * the framework answers before an endpoint runs: an address with no endpoint, a method it does
 * not take, a path it cannot decode. Other clients read the API by that shape alone.
 */
export const apiErrors: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (
		!isJsonApiPath(event.url.pathname) ||
		response.status < 400 ||
		(response.headers.get('content-type') ?? '').includes('application/json')
	) {
		return response;
	}
	await response.body?.cancel();
	const [code, message] =
		FRAMEWORK_REFUSALS[response.status] ??
		(response.status >= 500 ? SERVER_ERROR : ['refused', 'This request was refused.']);
	const shaped = errorResponse(response.status, code, message);
	const allow = response.headers.get('allow');
	if (allow) {
		shaped.headers.set('allow', allow);
	}
	return shaped;
};
