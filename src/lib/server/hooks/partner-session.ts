import { error, redirect, type Handle } from '@sveltejs/kit';
import { errorResponse } from '../api/endpoint';
import { PARTNER_SESSION, validateSession } from '../auth/sessions';
import { getDb } from '../db';
import { isGuardedPartnerPath, isPartnerPath } from '../partners/guard';
import { findOrg } from '../partners/orgs';
import { PARTNER_ROLE } from '../../report/vocabulary';

/** Looks up the partner session on /partner routes only (the cookie is scoped to that path, so
 * the browser sends it nowhere else), then refuses guarded partner routes without one. */
export const partnerSession: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	if (!isPartnerPath(path)) {
		return resolve(event);
	}
	const token = event.cookies.get(PARTNER_SESSION.name());
	if (token) {
		const db = await getDb();
		const session = await validateSession(db, token);
		if (session && session.staff.role !== PARTNER_ROLE) {
			event.locals.wrongAccount = true;
		} else if (session?.staff.org_id) {
			const org = await findOrg(db, session.staff.org_id);
			if (org?.status === 'active') {
				event.locals.partner = { worker: session.staff, org };
				event.locals.sessionId = session.idHash;
			}
		}
	}
	if (isGuardedPartnerPath(path) && !event.locals.partner) {
		const api = path.startsWith('/partner/api/');
		if (event.locals.wrongAccount) {
			if (api) {
				return errorResponse(403, 'forbidden', 'Your role does not allow this.');
			}
			error(403, { message: 'Your role does not allow this.', code: 'forbidden' });
		}
		if (api) {
			return errorResponse(401, 'unauthenticated', 'Sign in first.');
		}
		redirect(303, '/partner/login');
	}
	return resolve(event);
};
