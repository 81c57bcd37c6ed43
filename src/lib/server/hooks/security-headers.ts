import type { Handle } from '@sveltejs/kit';
import { behindTls } from '../config';
import { baselineHeaders } from './baseline-headers.js';

export { SECURITY_HEADERS } from './baseline-headers.js';

export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// Nothing this app renders or answers may sit in a cache: a shared phone must not replay it.
	for (const [name, value] of Object.entries(baselineHeaders(behindTls()))) {
		response.headers.set(name, value);
	}
	return response;
};
