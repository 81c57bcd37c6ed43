import { error, redirect, type Handle } from '@sveltejs/kit';
import { errorResponse } from '../api/endpoint';
import { isGuardedPath, isStaffPath } from '../auth/guard';

const decodable = (path: string) => {
	try {
		decodeURI(path);
		return true;
	} catch {
		return false;
	}
};

/** First layer of authorization: no staff page or staff API answers without a session. */
export const guardStaff: Handle = async ({ event, resolve }) => {
	// A partner worker's session on any staff route, public ones included: refused outright.
	if (event.locals.wrongAccount && isStaffPath(event.url.pathname)) {
		if (event.url.pathname.startsWith('/api/')) {
			return errorResponse(403, 'forbidden', 'Your role does not allow this.');
		}
		error(403, { message: 'Your role does not allow this.', code: 'forbidden' });
	}
	if (!event.locals.staff && isGuardedPath(event.url.pathname)) {
		if (event.url.pathname.startsWith('/api/')) {
			return errorResponse(401, 'unauthenticated', 'Sign in first.');
		}
		// For a path it cannot decode (/staff/%FF), SvelteKit runs this hook outside the code that
		// catches a thrown redirect, and the rejection would end the whole process: answer it here.
		if (!decodable(event.url.pathname)) {
			return new Response(null, { status: 303, headers: { location: '/staff/login' } });
		}
		redirect(303, '/staff/login');
	}
	return resolve(event);
};
