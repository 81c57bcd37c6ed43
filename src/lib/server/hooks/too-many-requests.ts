import { json, type RequestEvent } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { NEUTRAL_SITE } from '../../report/quick-exit';
import { isJsonApiPath } from '../api/paths';

/**
 * The 429 answer, in the shape the caller reads: the documented error shape for the JSON API, an
 * action result for a form sent with JavaScript (use:enhance), and a small page of its own for a
 * form sent without it, so nobody is left with a bare line of text and no way on.
 */
export function tooManyRequests(event: RequestEvent, waitMs: number): Response {
	const { seconds, wait, message } = rateLimitWords(waitMs);
	const headers = { 'Retry-After': String(seconds) };
	if (isJsonApiPath(event.url.pathname)) {
		return json({ error: { code: 'rate_limited', message } }, { status: 429, headers });
	}
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'error', error: { message } }, { status: 429, headers });
	}
	return new Response(waitPage(wait), {
		status: 429,
		headers: {
			...headers,
			'Content-Type': 'text/html; charset=utf-8',
			// Nothing on this page runs or loads; its one style block is allowed by its hash.
			'Content-Security-Policy': `default-src 'none'; style-src '${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
		}
	});
}

/** How long to wait, in whole seconds (Retry-After) and in words. */
export function rateLimitWords(waitMs: number) {
	const seconds = Math.max(1, Math.ceil(waitMs / 1000));
	const minutes = Math.ceil(seconds / 60);
	const wait = `${minutes} minute${minutes === 1 ? '' : 's'}`;
	const message = `Too many tries from your connection. Please wait ${wait} and try again.`;
	return { seconds, wait, message };
}

/** The portal's colours, in a style block of the page's own: the app's stylesheet has a build
 * name this hook does not know, and the page must stand alone. */
const STYLE = `body{margin:0;font-family:system-ui,sans-serif;font-size:1.125rem;line-height:1.5;color:#0b0c0c}
.exit{position:sticky;top:0;padding:.5rem 1rem;background:#b10e1e}
.exit a{display:inline-block;padding:.55rem 1rem;background:#fff;color:#b10e1e;font-weight:700}
main{max-width:38rem;padding:1rem}a{color:#1d4f91}h1{line-height:1.2}`;
const STYLE_HASH = 'sha256-' + createHash('sha256').update(STYLE).digest('base64');

/** Plain HTML with nothing but text and links: only `wait`, a number of minutes, is filled in. */
const waitPage = (wait: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Please wait a few minutes</title>
<style>${STYLE}</style>
</head>
<body>
<div class="exit"><a href="${NEUTRAL_SITE}" rel="noreferrer">Leave this site quickly</a></div>
<main>
<h1>Please wait a few minutes</h1>
<p>This form has been sent many times from your connection in a short time, so it is paused for a
while. This keeps the service working for everyone.</p>
<p>What you just sent was not saved. Please wait ${wait}, then go back and send it again. Your
answers may still be there when you go back.</p>
<p>In an emergency call <strong>999</strong>. If you cannot speak, call 999 and press 55.</p>
<p><a href="/">Go to the home page</a></p>
</main>
</body>
</html>
`;
