import type { Handle } from '@sveltejs/kit';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * With `Referrer-Policy: no-referrer`, browsers send `Origin: null` on a plain form post, so
 * SvelteKit's origin check would refuse every form sent without JavaScript. svelte.config.js
 * therefore trusts the origin "null", and this hook narrows that back down: a null-origin form post
 * passes only when the browser itself says it came from this origin (`Sec-Fetch-Site`).
 */
export const nullOriginForms: Handle = async ({ event, resolve }) => {
	const { request } = event;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (
		UNSAFE.has(request.method) &&
		FORM_TYPES.includes(type) &&
		request.headers.get('origin') === 'null' &&
		request.headers.get('sec-fetch-site') !== 'same-origin'
	) {
		return new Response(`Cross-site ${request.method} form submissions are forbidden`, {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return resolve(event);
};
