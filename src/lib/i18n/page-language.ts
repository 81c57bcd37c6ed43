import { goto } from '$app/navigation';
import { page } from '$app/state';
import {
	baseLocale,
	deLocalizeHref,
	extractLocaleFromUrl,
	localizeHref,
	overwriteGetLocale,
	type Locale
} from '$lib/paraglide/runtime';
import { isLeaving } from '$lib/report/browser/leaving';

/**
 * A public page changes language in place: the address changes (/bg/report), every text follows,
 * and nothing typed into a form is lost, as a full page load would lose it. Nothing is written
 * to the device: the language is in the address, and the one chosen in this visit in memory.
 */

/**
 * In the browser the language is read from the address as SvelteKit holds it, a reactive value,
 * so every message on the page is shown again in the new language when it changes. (Paraglide's
 * own reads `window.location`, which nothing watches.)
 */
export function followAddressLanguage() {
	overwriteGetLocale(() => (extractLocaleFromUrl(page.url) as Locale | undefined) ?? baseLocale);
}

/** The same page, whatever language its address is in. */
export const samePage = (a: URL, b: URL) =>
	deLocalizeHref(a.pathname) === deLocalizeHref(b.pathname);

/** The language picked in this visit, kept when Back returns to an address in another. */
let chosen: Locale | null = null;

/** Shows this page in `locale`, in place of the page in the language it has now: the history
 * entry and its state (the report form's step) stay, as do focus and scroll. */
export function switchLanguage(locale: Locale) {
	chosen = locale;
	const { pathname, search, hash } = page.url;
	return goto(localizeHref(deLocalizeHref(pathname), { locale }) + search + hash, {
		replaceState: true,
		keepFocus: true,
		noScroll: true,
		state: { ...page.state }
	});
}

/** Back or Forward may return to an address in the language the page had before one was picked
 * (the report form's steps are history entries of their own): it is shown in the one picked. */
export function keepChosenLanguage(url: URL) {
	if (chosen && !isLeaving() && extractLocaleFromUrl(url) !== chosen) {
		void switchLanguage(chosen);
	}
}
