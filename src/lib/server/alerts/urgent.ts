import type { Transaction } from 'kysely';
import type { AuditInput } from '../audit/chain';
import type { Database } from '../db/schema';
import { urgentCounts } from './counts';
import { enqueueAlert } from './outbox';
import { channelsOf, loadAlertSettings } from './settings';

/**
 * Queues the at-once alert for a safeguarding report, inside the transaction that stores the
 * report: if the report is stored, so is its alert, and a crash before sending only delays it
 * until the outbox is next read (the scheduler reads it on start). Returns the audit line, or
 * null when nobody is set up to receive alerts.
 */
export async function queueUrgentAlert(
	trx: Transaction<Database>,
	at: string
): Promise<AuditInput | null> {
	const channels = channelsOf(await loadAlertSettings(trx));
	if (channels.length === 0) {
		return null;
	}
	await enqueueAlert(trx, 'urgent', urgentCounts(), channels, at);
	return { actorId: null, at, action: 'alert.queued', detail: { kind: 'urgent', channels } };
}
