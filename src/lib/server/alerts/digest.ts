import type { Db } from '../db';
import { withAudit } from '../audit/chain';
import { getSetting, putSetting } from '../settings/store';
import { nowIso } from '../time';
import { countWindow, hasAnything, type AlertCounts } from './counts';
import { enqueueAlert } from './outbox';
import { channelsOf, loadAlertSettings, type DigestFrequency } from './settings';

/** Where the last digest's window ended (an ISO hour). Bookkeeping, not a setting. */
export const DIGEST_THROUGH_KEY = 'alerts.digest_through';

/** A daily digest covers the 24 hours up to 07:00 UTC, before the working day. */
export const DAILY_DIGEST_HOUR_UTC = 7;

/** The end of the newest whole digest period at `now`: the hour, or today's (or yesterday's) 07:00. */
export function digestBoundary(now: Date, frequency: DigestFrequency): string {
	const end = new Date(now);
	end.setUTCMinutes(0, 0, 0);
	if (frequency === 'daily') {
		if (end.getUTCHours() < DAILY_DIGEST_HOUR_UTC) {
			end.setUTCDate(end.getUTCDate() - 1);
		}
		end.setUTCHours(DAILY_DIGEST_HOUR_UTC);
	}
	return nowIso(end);
}

/** The urgent reports were alerted at once; a digest goes out when something else is waiting. */
const worthADigest = (counts: AlertCounts) => hasAnything({ ...counts, urgent: 0 });

/**
 * Queues a digest when a period has ended since the last one: the counts of everything that
 * arrived from the last digest's end to this period's end. The first run only marks where
 * counting starts. If the server was down, the next digest covers the whole gap.
 */
export async function runDigest(db: Db, now: Date): Promise<AlertCounts | null> {
	const settings = await loadAlertSettings(db);
	const channels = channelsOf(settings);
	const end = digestBoundary(now, settings.digest);
	const through = await getSetting(db, DIGEST_THROUGH_KEY);
	if (channels.length === 0) {
		// Nobody to tell: nothing is counted or written (a fresh portal's database stays untouched).
		return null;
	}
	if (!through) {
		// The first digest counts from now on, not from the beginning of time.
		await putSetting(db, DIGEST_THROUGH_KEY, end);
		return null;
	}
	if (end <= through) {
		return null;
	}
	const counts = await countWindow(db, { from: through, to: end });
	if (!worthADigest(counts)) {
		await putSetting(db, DIGEST_THROUGH_KEY, end);
		return null;
	}
	return withAudit(db, async (trx) => {
		// Moving the mark from where it was read is the claim: a second instance finds it moved.
		const moved = await trx
			.updateTable('settings')
			.set({ value: end })
			.where('key', '=', DIGEST_THROUGH_KEY)
			.where('value', '=', through)
			.executeTakeFirst();
		if (Number(moved.numUpdatedRows) !== 1) {
			return { result: null, audit: [] };
		}
		await enqueueAlert(trx, 'digest', counts, channels, nowIso(now));
		return {
			result: counts,
			audit: {
				actorId: null,
				at: nowIso(now),
				action: 'alert.queued',
				detail: { kind: 'digest', channels, from: through, to: end, ...counts }
			}
		};
	});
}
