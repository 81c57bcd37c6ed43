import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Staff, StaffRole } from '../db/schema';
import { PARTNER_ROLE } from '../../report/vocabulary';

/** Routes under /staff reachable without a session: everything else needs one. */
export const PUBLIC_STAFF_PATHS = [
	/^\/staff\/login\/?$/,
	/^\/staff\/login\/salt\/?$/,
	/^\/staff\/kdf-worker\.js$/,
	/^\/staff\/setup\/?$/,
	/^\/staff\/invite\/[^/]+\/?$/
];

export const isStaffPath = (path: string): boolean =>
	path === '/staff' || path.startsWith('/staff/') || path.startsWith('/api/v1/staff');

export const isGuardedPath = (path: string): boolean =>
	isStaffPath(path) && !PUBLIC_STAFF_PATHS.some((re) => re.test(path));

/**
 * The first statement of every staff load, action and endpoint. The hook refuses anonymous
 * requests too; this second layer holds even if a route is ever moved out from under it.
 */
export function requireStaff(event: RequestEvent, ...roles: StaffRole[]): Staff {
	const staff = event.locals.staff;
	if (staff?.role === PARTNER_ROLE) {
		error(403, { message: 'Your role does not allow this.', code: 'forbidden' });
	}
	if (!staff) {
		if (event.url.pathname.startsWith('/api/')) {
			error(401, { message: 'Sign in first.', code: 'unauthenticated' });
		}
		redirect(303, '/staff/login');
	}
	if (roles.length > 0 && !roles.includes(staff.role)) {
		error(403, { message: 'Your role does not allow this.', code: 'forbidden' });
	}
	return staff;
}
