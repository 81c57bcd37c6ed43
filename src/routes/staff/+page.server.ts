import { error } from '@sveltejs/kit';
import { toBase64url } from '$lib/crypto/encoding';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { awaitingAcknowledgementBy } from '$lib/server/deviations/awaiting';
import { keyHolderWarning } from '$lib/server/keyring/key-holders';
import { findGrant, toMe } from '$lib/server/staff/repository';
import { encodeCursor, parseQueueQuery, queueLink } from '$lib/server/triage/filters';
import { listQueue, queueCounts } from '$lib/server/triage/queue';
import { QUEUE_DATA } from '$lib/staff/report/queue-refresh';
import { warningStateOfReports } from '$lib/server/warnings/store';
import { overdueReports } from '$lib/server/alerts/overdue';
import { alertWarningFor } from '$lib/server/alerts/warning';
import { serverNow } from '$lib/server/clock';
import type { PageServerLoad } from './$types';

/** Reviewers and admins get the triage queue (envelope and triage data only, no decryption);
 * analysts get a page that says they see statistics only. */
export const load = (async (event) => {
	const staff = requireStaff(event);
	// The queue refreshes this data alone (never the page, which would lock the keys).
	event.depends(QUEUE_DATA);
	const db = await getDb();
	const grant = await findGrant(db, staff.id);
	const keys = {
		alertWarning: await alertWarningFor(db, staff, serverNow()),
		me: toMe(staff),
		boxPublicKey: toBase64url(new Uint8Array(staff.box_pk)),
		grantedVersion: grant?.version ?? null,
		awaitingAcknowledgement: await awaitingAcknowledgementBy(db, staff.id),
		keyHolders: await keyHolderWarning(db)
	};
	if (staff.role === 'analyst') {
		return { ...keys, queue: null };
	}

	const parsed = parseQueueQuery(event.url.searchParams, staff.id);
	if (!parsed.ok) {
		error(400, { message: parsed.message, code: 'invalid' });
	}
	const [page, counts] = await Promise.all([
		listQueue(db, parsed.filters, parsed.cursor),
		queueCounts(db)
	]);
	return {
		...keys,
		queue: {
			query: parsed.query,
			rows: page.rows,
			warnings: await warningStateOfReports(
				db,
				page.rows.map((r) => r.id)
			),
			overdue: await overdueReports(db, page.rows, serverNow()),
			counts,
			nextLink: page.next ? queueLink(parsed.query, encodeCursor(page.next)) : null,
			firstLink: parsed.cursor ? queueLink(parsed.query, null) : null
		}
	};
}) satisfies PageServerLoad;
