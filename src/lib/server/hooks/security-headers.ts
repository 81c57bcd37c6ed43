import type { Handle } from '@sveltejs/kit';
import { behindTls } from '../config';

/** Headers that hold on every response (CSP itself comes from kit.csp in svelte.config.js). */
export const SECURITY_HEADERS: Record<string, string> = {
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy':
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'X-DNS-Prefetch-Control': 'off'
};

export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		response.headers.set(name, value);
	}
	// Nothing this app renders or answers may sit in a cache: a shared phone must not replay it.
	response.headers.set('Cache-Control', 'no-store');
	if (behindTls()) {
		response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	}
	return response;
};
