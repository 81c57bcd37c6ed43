import type { Kysely, Transaction } from 'kysely';
import type { AlertOutbox, Database } from '../db/schema';
import { newId } from '../ids';
import { nowIso } from '../time';
import type { AlertCounts } from './counts';
import type { AlertChannel } from './settings';

export type AlertKind = AlertOutbox['kind'];

/** Minutes to wait after the 1st, 2nd, 3rd and 4th failure; the 5th failure gives up. */
export const RETRY_MINUTES = [1, 5, 15, 60] as const;

/** A claimed delivery is not picked up again for this long, so two server instances (or a tick
 * overlapping a wake-up) never send it twice while it is in flight. */
const CLAIM_MINUTES = 2;

const plusMinutes = (now: Date, minutes: number) =>
	nowIso(new Date(now.getTime() + minutes * 60_000));

/** Queues one alert per channel, in the caller's transaction: counts only, no address, no content. */
export async function enqueueAlert(
	trx: Transaction<Database>,
	kind: AlertKind,
	counts: AlertCounts,
	channels: AlertChannel[],
	createdAt: string
): Promise<void> {
	for (const channel of channels) {
		await trx
			.insertInto('alert_outbox')
			.values({
				id: newId(),
				kind,
				channel,
				counts_json: JSON.stringify(counts),
				created_at: createdAt,
				status: 'pending',
				next_attempt_at: createdAt
			})
			.execute();
	}
}

export const dueAlerts = (db: Kysely<Database>, now: Date, limit = 20) =>
	db
		.selectFrom('alert_outbox')
		.selectAll()
		.where('status', '=', 'pending')
		.where('next_attempt_at', '<=', nowIso(now))
		.orderBy('created_at')
		.orderBy('id')
		.limit(limit)
		.execute();

/** True if this caller won the delivery: only one claim on a row's current due time succeeds. */
export async function claimAlert(db: Kysely<Database>, row: AlertOutbox, now: Date) {
	const result = await db
		.updateTable('alert_outbox')
		.set({ next_attempt_at: plusMinutes(now, CLAIM_MINUTES) })
		.where('id', '=', row.id)
		.where('status', '=', 'pending')
		.where('next_attempt_at', '=', row.next_attempt_at)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** After a failed attempt: when to try again, or null to give up. `attempts` counts this one. */
export const retryAt = (now: Date, attempts: number): string | null =>
	attempts <= RETRY_MINUTES.length ? plusMinutes(now, RETRY_MINUTES[attempts - 1]) : null;

/** Deliveries an admin should know about: being retried, or given up in the last week. */
export async function alertProblems(db: Kysely<Database>, now: Date) {
	const weekAgo = nowIso(new Date(now.getTime() - 7 * 24 * 3_600_000));
	const rows = await db
		.selectFrom('alert_outbox')
		.select([
			'id',
			'kind',
			'channel',
			'status',
			'attempts',
			'next_attempt_at',
			'last_error',
			'finished_at'
		])
		.where((eb) =>
			eb.or([
				eb.and([eb('status', '=', 'pending'), eb('attempts', '>', 0)]),
				eb.and([eb('status', '=', 'failed'), eb('finished_at', '>=', weekAgo)])
			])
		)
		.orderBy('created_at', 'desc')
		.limit(50)
		.execute();
	return {
		rows,
		retrying: rows.filter((r) => r.status === 'pending').length,
		failed: rows.filter((r) => r.status === 'failed').length
	};
}
