import type { Handle, RequestEvent } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { baseLocale, extractLocaleFromUrl, localizeUrl } from '$lib/paraglide/runtime';
import { preferredLocale } from '$lib/i18n/preferred';

/** Staff pages, the JSON API and built assets are English and need no language at all. */
const UNLOCALIZED = /^\/(staff|api|_app)(\/|$)/;

/**
 * The language of a public page comes from its path (/ro/report); English has no prefix. Nothing
 * is remembered on the device (no cookie, no storage). On a first visit, when a person arrives
 * from outside the portal at an address without a prefix, the browser's preferred language
 * decides once: they are sent to the same page in it. Fetch Metadata tells a first visit
 * (Sec-Fetch-Site none or cross-site) from a click inside the portal (same-origin), so choosing
 * English in the switcher is never undone.
 */
export const language: Handle = ({ event, resolve }) => {
	if (UNLOCALIZED.test(event.url.pathname)) {
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', baseLocale) });
	}
	const landing = firstVisitLanguage(event);
	if (landing) {
		return new Response(null, {
			status: 307,
			headers: { location: landing, vary: 'Accept-Language, Sec-Fetch-Site' }
		});
	}
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
	});
};

function firstVisitLanguage(event: RequestEvent): string | undefined {
	const headers = event.request.headers;
	const site = headers.get('sec-fetch-site');
	if (
		event.request.method !== 'GET' ||
		headers.get('sec-fetch-dest') !== 'document' ||
		(site !== 'none' && site !== 'cross-site') ||
		extractLocaleFromUrl(event.url) !== baseLocale
	) {
		return undefined;
	}
	const wanted = preferredLocale(headers.get('accept-language'));
	if (!wanted || wanted === baseLocale) {
		return undefined;
	}
	const target = localizeUrl(event.url, { locale: wanted });
	return target.pathname + target.search;
}
