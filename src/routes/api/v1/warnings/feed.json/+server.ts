import { json } from '@sveltejs/kit';
import { jsonFeed } from '$lib/server/warnings/feed';
import { serveFeed } from '$lib/server/warnings/feed-endpoint';
import { nowIso } from '$lib/server/time';
import type { RequestHandler } from './$types';

/** The same warnings as the Atom feed, as JSON. */
export const GET: RequestHandler = (event) =>
	serveFeed(event, (warnings) => json(jsonFeed(warnings, nowIso())));
