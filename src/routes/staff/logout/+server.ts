import { redirect } from '@sveltejs/kit';
import { withAudit } from '$lib/server/audit/chain';
import { requireStaff } from '$lib/server/auth/guard';
import { clearSessionCookie, endSession } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Ends this session (other devices stay signed in). The full page load that follows also
 * forgets the keys this tab held in memory. */
export const POST: RequestHandler = async (event) => {
	const staff = requireStaff(event);
	const sessionId = event.locals.sessionId;
	await withAudit(await getDb(), async (trx) => {
		if (sessionId) {
			await endSession(trx, sessionId);
		}
		return {
			result: undefined,
			audit: { actorId: staff.id, action: 'staff.logout', subject: staff.id }
		};
	});
	clearSessionCookie(event.cookies);
	redirect(303, '/staff/login?welcome=signed_out');
};
