import type { RequestEvent } from '@sveltejs/kit';
import { jsonEndpoint } from '../api/endpoint';
import { DomainError } from '../errors';
import { getDb } from '../db';
import type { PublishedWarning } from '../../report/warning';
import { loadAreas } from '../settings/areas';
import { loadPortalNames } from '../settings/portal';
import type { FeedNames } from './feed';
import { useFeedKey } from './feed-keys';
import { liveWarnings, toPublished } from './store';

/** The key from `Authorization: Bearer …` (preferred: it stays out of proxy logs) or `?key=`. */
function presentedKey(event: RequestEvent): string {
	const header = event.request.headers.get('authorization') ?? '';
	const bearer = /^Bearer\s+(\S+)$/i.exec(header);
	return bearer ? bearer[1] : (event.url.searchParams.get('key') ?? '');
}

/** Checks the partner's key, then renders the live warnings; 404 unknown, 403 revoked. */
export function serveFeed(
	event: RequestEvent,
	render: (warnings: PublishedWarning[], origin: string, names: FeedNames) => Response
): Promise<Response> {
	return jsonEndpoint(async () => {
		const db = await getDb();
		const state = await useFeedKey(db, presentedKey(event));
		if (state === 'unknown') {
			throw new DomainError(404, 'not_found', 'No feed has this key.');
		}
		if (state === 'revoked') {
			throw new DomainError(
				403,
				'revoked',
				'This feed key was revoked. Ask the unit for a new one.'
			);
		}
		const rows = await liveWarnings(db).orderBy('published_at', 'desc').limit(500).execute();
		const names = { portal: await loadPortalNames(db), areas: await loadAreas(db) };
		return render(rows.map(toPublished), event.url.origin, names);
	});
}
