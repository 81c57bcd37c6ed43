import { redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { attemptLogin } from '$lib/server/staff/login';
import { loginRefusal } from '$lib/server/staff/login-refusal';
import { LoginForm } from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';

const NOTICES: Record<string, string> = {
	setup: 'The admin account is ready. Sign in with your passphrase and a new code from your app.',
	onboarded: 'Your account is ready. Sign in with your passphrase and a new code from your app.',
	signed_out: 'You have signed out.'
};

export const load = (async ({ locals, url }) => {
	if (locals.staff) {
		redirect(303, '/staff');
	}
	return { notice: NOTICES[url.searchParams.get('welcome') ?? ''] ?? null };
}) satisfies PageServerLoad;

export const actions = {
	default: ({ request, cookies }) =>
		refusalsAsFailures(async () => {
			const form = parseWith(LoginForm, await formFields(request));
			const outcome = await attemptLogin(await getDb(), {
				username: form.username,
				authKey: form.auth_key,
				code: form.code
			});
			if (!outcome.ok) {
				throw loginRefusal(outcome);
			}
			setSessionCookie(cookies, outcome.sessionToken);
			redirect(303, '/staff');
		})
} satisfies Actions;
