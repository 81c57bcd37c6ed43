import type { PartnerOrg, Staff } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		/** The report form's step in a history entry (shallow routing): step names and a count of
		 * entries, never an answer. */
		interface PageState {
			step?: string;
			from?: string;
			depth?: number;
		}
		interface Locals {
			/** The signed-in staff member, set by the authenticate hook on staff routes only. */
			staff: Staff | null;
			sessionId: Uint8Array | null;
			/** The signed-in partner worker and their organisation, set on /partner routes only. */
			partner: { worker: Staff; org: PartnerOrg } | null;
			/** A session of the other kind was presented (a partner's on a staff route, or a
			 * staff member's on a partner route): refused with 403. */
			wrongAccount: boolean;
		}
	}
}

export {};
