import { atomFeed } from '$lib/server/warnings/feed';
import { serveFeed } from '$lib/server/warnings/feed-endpoint';
import { nowIso } from '$lib/server/time';
import type { RequestHandler } from './$types';

/** Published, unexpired warnings as Atom, for a partner organisation holding a feed key. */
export const GET: RequestHandler = (event) =>
	serveFeed(
		event,
		(warnings, origin, names) =>
			new Response(atomFeed(origin, warnings, nowIso(), names), {
				headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' }
			})
	);
