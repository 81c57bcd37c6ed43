import { requireStaff } from '$lib/server/auth/guard';
import { signOut } from '$lib/server/staff/sign-in';
import type { RequestHandler } from './$types';

/** Ends this session (other devices stay signed in). */
export const POST: RequestHandler = async (event) => {
	const staff = requireStaff(event);
	return signOut(event, staff, 'staff');
};
