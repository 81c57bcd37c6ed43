import type { Handle } from '@sveltejs/kit';
import { behindTls } from '../config';
import { BASELINE_WRITTEN_BY_SERVER, baselineHeaders } from './baseline-headers.js';

export { SECURITY_HEADERS } from './baseline-headers.js';

/**
 * Under `npm start`, scripts/serve.js writes the baseline on every response as it goes out, and
 * this hook would only write the same headers a second time (a measurable share of a request on
 * the submit path). Under `vite dev` and `vite preview` there is no serve.js, and this hook writes
 * them.
 */
const writtenByServer = () =>
	(globalThis as Record<symbol, unknown>)[BASELINE_WRITTEN_BY_SERVER] === true;

export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (writtenByServer()) {
		return response;
	}
	// Nothing this app renders or answers may sit in a cache: a shared phone must not replay it.
	for (const [name, value] of Object.entries(baselineHeaders(behindTls()))) {
		response.headers.set(name, value);
	}
	return response;
};
