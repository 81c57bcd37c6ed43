import { redirect } from '@sveltejs/kit';
import { withAudit } from '$lib/server/audit/chain';
import { clearSessionCookie, endSession, PARTNER_SESSION } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db';
import { requirePartner } from '$lib/server/partners/guard';
import type { RequestHandler } from './$types';

/** Ends this session; the full page load that follows forgets the keys and the wallet. */
export const POST: RequestHandler = async (event) => {
	const { worker } = requirePartner(event);
	const sessionId = event.locals.sessionId;
	await withAudit(await getDb(), async (trx) => {
		if (sessionId) {
			await endSession(trx, sessionId);
		}
		return {
			result: undefined,
			audit: { actorId: worker.id, action: 'partner.logout', subject: worker.id }
		};
	});
	clearSessionCookie(event.cookies, PARTNER_SESSION);
	redirect(303, '/partner/login?welcome=signed_out');
};
