import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

/** /ro/report is the report page in Romanian: routes are matched without the language prefix. */
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
