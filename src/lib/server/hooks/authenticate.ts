import type { Handle } from '@sveltejs/kit';
import { getDb } from '../db';
import { sessionCookieName, validateSession } from '../auth/sessions';
import { PARTNER_ROLE } from '../../report/vocabulary';
import { isStaffPath } from '../auth/guard';

/** Looks up the staff session on staff routes only: public pages never read or set a cookie. */
export const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.staff = null;
	event.locals.sessionId = null;
	event.locals.partner = null;
	event.locals.wrongAccount = false;
	if (isStaffPath(event.url.pathname)) {
		const token = event.cookies.get(sessionCookieName());
		if (token) {
			const session = await validateSession(await getDb(), token);
			// A partner worker's session is never a staff session: the guard answers it with 403.
			if (session?.staff.role === PARTNER_ROLE) {
				event.locals.wrongAccount = true;
			} else if (session) {
				event.locals.staff = session.staff;
				event.locals.sessionId = session.idHash;
			}
		}
	}
	return resolve(event);
};
