import { redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db';
import { lockedMessage } from '$lib/server/staff/backoff';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { attemptLogin, type LoginOutcome } from '$lib/server/staff/login';
import { LoginForm } from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/server/errors';

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

/** Says what went wrong without saying more than the person at the keyboard can already know. */
function refusalFor(outcome: Extract<LoginOutcome, { ok: false }>): DomainError {
	const locked = outcome.minutes ? ' ' + lockedMessage(outcome.minutes) : '';
	switch (outcome.reason) {
		case 'unknown_user':
		case 'passphrase':
			return new DomainError(
				401,
				'unauthenticated',
				'The username or passphrase is not right.' + locked,
				'passphrase'
			);
		case 'totp':
			return new DomainError(
				401,
				'unauthenticated',
				'The code is not right or has expired. Enter the newest code from your app.' + locked,
				'code'
			);
		case 'totp_reused':
			return new DomainError(
				401,
				'unauthenticated',
				'That code has already been used. Wait for the next code in your app.' + locked,
				'code'
			);
		case 'locked':
			return new DomainError(429, 'too_many_attempts', lockedMessage(outcome.minutes ?? 1));
		case 'disabled':
			return new DomainError(
				403,
				'forbidden',
				'This account has been disabled. Ask an admin if this is a mistake.'
			);
	}
}

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
				throw refusalFor(outcome);
			}
			setSessionCookie(cookies, outcome.sessionToken);
			redirect(303, '/staff');
		})
} satisfies Actions;
