import type { Handle } from '@sveltejs/kit';
import { getDb } from '../db';
import { sessionCookieName, validateSession } from '../auth/sessions';

/** Looks up the staff session on staff routes only: public pages never read or set a cookie. */
export const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.staff = null;
	event.locals.sessionId = null;
	const path = event.url.pathname;
	if (path === '/staff' || path.startsWith('/staff/') || path.startsWith('/api/v1/staff')) {
		const token = event.cookies.get(sessionCookieName());
		if (token) {
			const session = await validateSession(await getDb(), token);
			if (session) {
				event.locals.staff = session.staff;
				event.locals.sessionId = session.idHash;
			}
		}
	}
	return resolve(event);
};
