import { error, redirect, type RequestEvent } from '@sveltejs/kit';

/** Routes under /partner reachable without a session: signing in, joining by invite, and the
 * plain explanation of what each side can see. */
export const PUBLIC_PARTNER_PATHS = [
	/^\/partner\/login\/?$/,
	/^\/partner\/invite\/[^/]+\/?$/,
	/^\/partner\/about\/?$/
];

export const isPartnerPath = (path: string): boolean =>
	path === '/partner' || path.startsWith('/partner/');

export const isGuardedPartnerPath = (path: string): boolean =>
	isPartnerPath(path) && !PUBLIC_PARTNER_PATHS.some((re) => re.test(path));

/**
 * The first statement of every partner load, action and endpoint (the hook refuses first; this
 * holds if a route ever moves). Unit staff are refused too: a partner page is never theirs.
 */
export function requirePartner(event: RequestEvent) {
	const partner = event.locals.partner;
	if (event.locals.wrongAccount) {
		error(403, { message: 'Your role does not allow this.', code: 'forbidden' });
	}
	if (!partner) {
		if (event.url.pathname.startsWith('/partner/api/')) {
			error(401, { message: 'Sign in first.', code: 'unauthenticated' });
		}
		redirect(303, '/partner/login');
	}
	return partner;
}
