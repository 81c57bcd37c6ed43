import { requirePartner } from '$lib/server/partners/guard';
import { signOut } from '$lib/server/staff/sign-in';
import type { RequestHandler } from './$types';

/** Ends this session; the full page load that follows forgets the keys and the wallet. */
export const POST: RequestHandler = async (event) => {
	const { worker } = requirePartner(event);
	return signOut(event, worker, 'partner');
};
