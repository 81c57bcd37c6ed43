import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

/** Only public pages have languages: staff pages and the API have one address each. */
const UNLOCALIZED = /^\/(staff|api)(\/|$)/;

/** /ro/report is the report page in Romanian: routes are matched without the language prefix.
 * /ro/staff or /ro/api/… match nothing, so every hook that guards or rate-limits by path sees the
 * only address such a route has. */
export const reroute: Reroute = ({ url }) => {
	const path = deLocalizeUrl(url).pathname;
	return path !== url.pathname && UNLOCALIZED.test(path) ? url.pathname : path;
};
