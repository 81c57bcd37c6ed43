import { requireStaff } from '$lib/server/auth/guard';
import { toMe } from '$lib/server/staff/repository';
import type { PageServerLoad } from './$types';

export const load = ((event) => {
	const admin = requireStaff(event, 'admin');
	return { me: toMe(admin) };
}) satisfies PageServerLoad;
