import { redirect } from '@sveltejs/kit';
import { signInAction } from '$lib/server/staff/sign-in';
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
	default: signInAction('staff')
} satisfies Actions;
