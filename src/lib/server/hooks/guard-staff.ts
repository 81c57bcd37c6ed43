import { json, redirect, type Handle } from '@sveltejs/kit';
import { isGuardedPath } from '../auth/guard';

/** First layer of authorization: no staff page or staff API answers without a session. */
export const guardStaff: Handle = async ({ event, resolve }) => {
	if (!event.locals.staff && isGuardedPath(event.url.pathname)) {
		if (event.url.pathname.startsWith('/api/')) {
			return json(
				{ error: { code: 'unauthenticated', message: 'Sign in first.' } },
				{ status: 401 }
			);
		}
		redirect(303, '/staff/login');
	}
	return resolve(event);
};
