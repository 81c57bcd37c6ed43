import { redirect, type Handle } from '@sveltejs/kit';
import { errorResponse } from '../api/endpoint';
import { isGuardedPath } from '../auth/guard';

/** First layer of authorization: no staff page or staff API answers without a session. */
export const guardStaff: Handle = async ({ event, resolve }) => {
	if (!event.locals.staff && isGuardedPath(event.url.pathname)) {
		if (event.url.pathname.startsWith('/api/')) {
			return errorResponse(401, 'unauthenticated', 'Sign in first.');
		}
		redirect(303, '/staff/login');
	}
	return resolve(event);
};
