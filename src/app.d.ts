import type { Staff } from '$lib/server/db/schema';

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
		}
	}
}

export {};
