import type { PartnerMe } from '$lib/api/partner';
import type { LayoutServerLoad } from './$types';

/** The signed-in worker for the header, or null on the sign-in, invite and about pages. Guards
 * nothing: every partner load and action calls requirePartner itself. */
export const load = (async ({ locals }) => {
	const partner = locals.partner;
	const me: PartnerMe | null = partner
		? {
				id: partner.worker.id,
				username: partner.worker.username,
				org: { id: partner.org.id, name: partner.org.name }
			}
		: null;
	return { partnerMe: me };
}) satisfies LayoutServerLoad;
