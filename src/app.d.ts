import type { Staff } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			/** The signed-in staff member, set by the authenticate hook on staff routes only. */
			staff: Staff | null;
			sessionId: Uint8Array | null;
		}
	}
}

export {};
