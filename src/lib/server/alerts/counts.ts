import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { deviationsAwaitingAcknowledgement } from '../deviations/awaiting';
import { addMinutes, CLOCK_SKEW_MS } from '../time';

/** The hours a digest covers: [from, to), whole hours, as stored times are (reporter-time.ts). */
export interface DigestWindow {
	from: string;
	to: string;
}

/**
 * One number an alert may carry. Only a count and a plain label: an alert never says which
 * report, what type, where or which team, so a mailbox or a phone's lock screen reveals nothing.
 */
export interface CountSource {
	/** The key in the webhook's JSON. */
	key: string;
	one: string;
	many: string;
	count: (db: Kysely<Database>, window: DigestWindow) => Promise<number>;
}

export type AlertCounts = Record<string, number>;

const reportsArrived = (urgent: boolean) => async (db: Kysely<Database>, w: DigestWindow) =>
	Number(
		(
			await db
				.selectFrom('reports')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('created_at', '>=', w.from)
				.where('created_at', '<', w.to)
				.where('safeguarding', '=', urgent ? 1 : 0)
				.executeTakeFirst()
		)?.n ?? 0
	);

const repliesArrived = async (db: Kysely<Database>, w: DigestWindow) =>
	Number(
		(
			await db
				.selectFrom('messages')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('direction', '=', 'from_reporter')
				.where('created_at', '>=', w.from)
				.where('created_at', '<', w.to)
				.executeTakeFirst()
		)?.n ?? 0
	);

/** What a digest counts, in the order its sentence names them. One more source is one more line. */
export const COUNT_SOURCES: CountSource[] = [
	{
		key: 'urgent',
		one: 'new urgent report',
		many: 'new urgent reports',
		count: reportsArrived(true)
	},
	{ key: 'new', one: 'new report', many: 'new reports', count: reportsArrived(false) },
	{
		key: 'replies',
		one: 'reply from a reporter',
		many: 'replies from reporters',
		count: repliesArrived
	},
	{
		key: 'deviations',
		one: 'policy-deviation record for a line manager',
		many: 'policy-deviation records for line managers',
		// A record carries its author's signed time, which may be up to CLOCK_SKEW_MS from the
		// server's: counting by [from, to) shifted back by that much, every record falls in one
		// window and has arrived before that window's digest runs (at `to` or later).
		count: (db, w) =>
			deviationsAwaitingAcknowledgement(db, {
				from: addMinutes(w.from, -CLOCK_SKEW_MS / 60_000),
				to: addMinutes(w.to, -CLOCK_SKEW_MS / 60_000)
			})
	}
];

/** Every source's count over one window (zeros included, so the webhook's shape is fixed). */
export async function countWindow(
	db: Kysely<Database>,
	window: DigestWindow
): Promise<AlertCounts> {
	const counts: AlertCounts = {};
	for (const source of COUNT_SOURCES) {
		counts[source.key] = await source.count(db, window);
	}
	return counts;
}

/** The counts of an alert for one safeguarding report, sent at once. */
export const urgentCounts = (): AlertCounts => ({
	...Object.fromEntries(COUNT_SOURCES.map((s) => [s.key, 0])),
	urgent: 1
});

export const hasAnything = (counts: AlertCounts) => Object.values(counts).some((n) => n > 0);

const joinWords = (parts: string[]) =>
	parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

/** "1 new urgent report and 3 new reports are waiting." — and nothing more. */
export function alertSentence(counts: AlertCounts): string {
	const parts = COUNT_SOURCES.filter((s) => (counts[s.key] ?? 0) > 0).map(
		(s) => `${counts[s.key]} ${counts[s.key] === 1 ? s.one : s.many}`
	);
	const total = Object.values(counts).reduce((a, b) => a + b, 0);
	return `${joinWords(parts)} ${total === 1 ? 'is' : 'are'} waiting.`;
}

/** The subject line: as content-free as the body. */
export const alertSubject = (kind: 'urgent' | 'digest') =>
	kind === 'urgent' ? 'Urgent: a report is waiting' : 'Reports are waiting';

/** The e-mail body: the sentence and where to sign in. */
export const alertText = (counts: AlertCounts, url: string) =>
	`${alertSentence(counts)}\n\nSign in to read: ${url}\n`;

/** The webhook's JSON: the same counts and address, e.g. {"urgent":1,"new":3,"replies":0,"deviations":0,"url":"…"}. */
export const alertJson = (counts: AlertCounts, url: string) => JSON.stringify({ ...counts, url });
