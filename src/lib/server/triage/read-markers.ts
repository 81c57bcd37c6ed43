import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hourOf } from '../reports/reporter-time';

/** The unit's read marker on the reporter's side: a message to the reporter counts as read once
 * their status page has fetched it (opened with the code, in their browser or, without
 * JavaScript, for that one request on the server). Kept to the hour: it is the reporter's act. */
export async function markReadByReporter(db: Kysely<Database>, reportId: string): Promise<void> {
	await db
		.updateTable('messages')
		.set({ read_at: hourOf() })
		.where('report_id', '=', reportId)
		.where('direction', '=', 'to_reporter')
		.where('read_at', 'is', null)
		.execute();
}
