import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { AlertOutbox } from '../db/schema';
import { nowIso } from '../time';
import type { AlertCounts } from './counts';
import { staffPortalUrl } from './origin';
import { claimAlert, dueAlerts, retryAt } from './outbox';
import { DeliveryError, sendEmail, sendWebhook, type AlertMessage } from './send';
import { loadAlertSettings, type AlertSettings } from './settings';

/** How one channel sends; tests may swap none of this: they run real SMTP and HTTP servers. */
async function sendOn(row: AlertOutbox, message: AlertMessage, settings: AlertSettings) {
	if (row.channel === 'email') {
		if (settings.recipients.length === 0) {
			throw new DeliveryError('channel_removed');
		}
		await sendEmail(message, settings.recipients);
		return settings.recipients.length;
	}
	if (!settings.webhook) {
		throw new DeliveryError('channel_removed');
	}
	await sendWebhook(message, settings.webhook);
	return 1;
}

/** Records one attempt's outcome with its audit line: the channel, the kind and a count; never a
 * recipient's address. */
async function recordAttempt(db: Db, row: AlertOutbox, now: Date, outcome: number | DeliveryError) {
	const attempts = row.attempts + 1;
	const at = nowIso(now);
	await withAudit(db, async (trx) => {
		const base = { channel: row.channel, kind: row.kind, attempt: attempts };
		if (typeof outcome === 'number') {
			await trx
				.updateTable('alert_outbox')
				.set({ status: 'sent', attempts, finished_at: at, last_error: null })
				.where('id', '=', row.id)
				.execute();
			return {
				result: undefined,
				audit: { actorId: null, at, action: 'alert.sent', detail: { ...base, recipients: outcome } }
			};
		}
		// A channel removed since the alert was queued is not worth retrying.
		const next = outcome.code === 'channel_removed' ? null : retryAt(now, attempts);
		await trx
			.updateTable('alert_outbox')
			.set(
				next
					? { attempts, next_attempt_at: next, last_error: outcome.code }
					: { status: 'failed', attempts, finished_at: at, last_error: outcome.code }
			)
			.where('id', '=', row.id)
			.execute();
		return {
			result: undefined,
			audit: next
				? {
						actorId: null,
						at,
						action: 'alert.failed',
						detail: { ...base, error: outcome.code, retry_at: next }
					}
				: { actorId: null, at, action: 'alert.gave_up', detail: { ...base, error: outcome.code } }
		};
	});
}

/** Sends every alert that is due, one at a time. Returns how many were attempted. */
export async function deliverDue(db: Db, now: Date): Promise<number> {
	const due = await dueAlerts(db, now);
	if (due.length === 0) {
		return 0;
	}
	const settings = await loadAlertSettings(db);
	const url = staffPortalUrl();
	let attempted = 0;
	for (const row of due) {
		if (!(await claimAlert(db, row, now))) {
			continue;
		}
		attempted++;
		const message = { kind: row.kind, counts: JSON.parse(row.counts_json) as AlertCounts, url };
		let outcome: number | DeliveryError;
		try {
			outcome = await sendOn(row, message, settings);
		} catch (err) {
			outcome = err instanceof DeliveryError ? err : new DeliveryError('send_error');
		}
		await recordAttempt(db, row, now, outcome);
	}
	return attempted;
}
