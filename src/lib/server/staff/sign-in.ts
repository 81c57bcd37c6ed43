import { redirect, type Cookies } from '@sveltejs/kit';
import { withAudit } from '../audit/chain';
import {
	clearSessionCookie,
	endSession,
	PARTNER_SESSION,
	setSessionCookie,
	STAFF_SESSION
} from '../auth/sessions';
import { getDb } from '../db';
import { LoginForm } from '../../staff/schemas';
import type { Audience } from './audience';
import { formFields, parseWith, refusalsAsFailures } from './form';
import { attemptLogin } from './login';
import { loginRefusal } from './login-refusal';

const HOME: Record<Audience, string> = { staff: '/staff', partner: '/partner' };
const SCOPE = { staff: STAFF_SESSION, partner: PARTNER_SESSION };

/** The sign-in form action of staff and partner workers: the same checks, backoff and audit,
 * each audience's own accounts, cookie scope and home page. */
export const signInAction =
	(audience: Audience) =>
	({ request, cookies }: { request: Request; cookies: Cookies }) =>
		refusalsAsFailures(async () => {
			const form = parseWith(LoginForm, await formFields(request));
			const outcome = await attemptLogin(
				await getDb(),
				{ username: form.username, authKey: form.auth_key, code: form.code },
				new Date(),
				audience
			);
			if (!outcome.ok) {
				throw loginRefusal(outcome);
			}
			setSessionCookie(cookies, outcome.sessionToken, SCOPE[audience]);
			redirect(303, HOME[audience]);
		});

const SIGNED_OUT: Record<Audience, string> = {
	staff: '/staff/login?welcome=signed_out',
	partner: '/partner/login?welcome=signed_out'
};

/** Ends this session (other devices stay signed in), audited, and clears the cookie. The full
 * page load that follows also forgets the keys this tab held in memory. */
export async function signOut(
	event: { locals: App.Locals; cookies: Cookies },
	member: { id: string },
	audience: Audience
): Promise<never> {
	const sessionId = event.locals.sessionId;
	await withAudit(await getDb(), async (trx) => {
		if (sessionId) {
			await endSession(trx, sessionId);
		}
		return {
			result: undefined,
			audit: { actorId: member.id, action: `${audience}.logout`, subject: member.id }
		};
	});
	clearSessionCookie(event.cookies, SCOPE[audience]);
	redirect(303, SIGNED_OUT[audience]);
}
