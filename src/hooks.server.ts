import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDb } from '$lib/server/db';
import { announceSetupCode } from '$lib/server/staff/setup-code';
import { authenticate } from '$lib/server/hooks/authenticate';
import { guardStaff } from '$lib/server/hooks/guard-staff';
import { nullOriginForms } from '$lib/server/hooks/null-origin';
import { rateLimit } from '$lib/server/hooks/rate-limit';
import { securityHeaders } from '$lib/server/hooks/security-headers';

export const init: ServerInit = async () => {
	await announceSetupCode(await getDb());
};

export const handle = sequence(
	securityHeaders,
	nullOriginForms,
	rateLimit,
	authenticate,
	guardStaff
);

/** Unexpected errors: a plain message for the user, the error's own text for the operator, and
 * nothing about the request (no URL, address or agent) in the log. */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) {
		console.error('unexpected error:', error instanceof Error ? error.message : 'unknown');
	}
	return {
		message:
			status === 404 ? 'Page not found.' : 'Something went wrong on our side. Please try again.'
	};
};
