import type { Handle, RequestEvent } from '@sveltejs/kit';
import { isJsonApiPath } from '../api/paths';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const LOG_EVERY_MS = 60_000;
let lastLogged = -Infinity;

/**
 * The cross-site form check, done here instead of by SvelteKit (svelte.config.js trusts every
 * origin so that this hook decides), for two reasons:
 * - With `Referrer-Policy: no-referrer`, browsers send `Origin: null` on a plain form post, so a
 *   strict check would refuse every form sent without JavaScript. A null-origin form post passes
 *   only when the browser itself says it came from this origin (`Sec-Fetch-Site`).
 * - A portal opened at another address than its ORIGIN (localhost for 127.0.0.1, or a mis-set
 *   ORIGIN) would otherwise refuse every post with a bare 403 the reporter reads as "check your
 *   connection". The refusal names the address to open instead, and the operator's log says why.
 */
export const nullOriginForms: Handle = async ({ event, resolve }) => {
	if (formFromSite(event.request.method, event.request.headers, event.url.origin)) {
		return resolve(event);
	}
	return refusal(event);
};

/**
 * False for a form post from another origin (logged for the operator); true for a form post from
 * this site and for anything that is not a form post. The hook above and the direct report
 * intake both decide here.
 */
export function formFromSite(
	method: string,
	headers: { get(name: string): string | null },
	siteOrigin: string
): boolean {
	const type = (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!UNSAFE.has(method) || !FORM_TYPES.includes(type)) {
		return true;
	}
	const origin = headers.get('origin');
	if (origin === siteOrigin) {
		return true;
	}
	if (origin === 'null' && headers.get('sec-fetch-site') === 'same-origin') {
		return true;
	}
	logRefusal(siteOrigin);
	return false;
}

/** What the JSON API answers a form post from another address. */
export const wrongAddressMessage = (origin: string) =>
	`This page could not be sent from this address. Please open ${origin} and try again.`;

/** One line for the operator, naming ORIGIN and nothing about the client. */
function logRefusal(origin: string) {
	const now = Date.now();
	if (now - lastLogged < LOG_EVERY_MS) {
		return;
	}
	lastLogged = now;
	console.warn(
		`refused a form posted from another address than ORIGIN (${origin}): open the portal at ${origin}, or set ORIGIN to the address people use`
	);
}

function refusal(event: RequestEvent): Response {
	const origin = event.url.origin;
	const message = wrongAddressMessage(origin);
	const headers = { 'content-type': 'application/json' };
	// An enhanced form action (use:enhance) reads an ActionResult; a JSON endpoint our error shape.
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return new Response(JSON.stringify({ type: 'error', error: { message } }), {
			status: 403,
			headers
		});
	}
	if (isJsonApiPath(event.url.pathname)) {
		return new Response(JSON.stringify({ error: { code: 'wrong_address', message } }), {
			status: 403,
			headers
		});
	}
	return new Response(refusalPage(origin), {
		status: 403,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'"
		}
	});
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page for a form posted without JavaScript: no script, no style, nothing from the form. */
function refusalPage(origin: string): string {
	const safe = escapeHtml(origin);
	return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not sent</title></head>
<body>
<h1>This page could not be sent from this address</h1>
<p>Nothing was sent. Please open <a href="${safe}/">${safe}</a> and try again.</p>
</body>
</html>
`;
}
