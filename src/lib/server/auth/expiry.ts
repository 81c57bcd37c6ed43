import type { Kysely } from 'kysely';
import { daysBefore, type RetentionPeriods } from '../../report/retention';
import type { Database } from '../db/schema';
import { loadRetention } from '../retention/settings';
import { addMinutes } from '../time';

/** Deletes sessions past their absolute or idle limit and invites that expired unused, once the
 * admin's retention period for them has passed (none by default). Both are already refused when
 * presented; deleting them keeps dead credentials (even hashed) out of the database. Used invites
 * stay: they record who joined through which invite. */
export async function deleteExpiredAccess(
	db: Kysely<Database>,
	now: string,
	idleMinutes: number,
	keep?: Pick<RetentionPeriods, 'sessionDays' | 'inviteDays'>
): Promise<{ sessions: number; invites: number }> {
	const { sessionDays, inviteDays } = keep ?? (await loadRetention(db));
	const endedBy = daysBefore(new Date(now), sessionDays).toISOString();
	const idleSince = addMinutes(endedBy, -idleMinutes);
	const sessions = await db
		.deleteFrom('sessions')
		.where((eb) => eb.or([eb('expires_at', '<=', endedBy), eb('last_seen_at', '<=', idleSince)]))
		.executeTakeFirst();
	const invites = await db
		.deleteFrom('invites')
		.where('used_at', 'is', null)
		.where('expires_at', '<=', daysBefore(new Date(now), inviteDays).toISOString())
		.executeTakeFirst();
	return { sessions: Number(sessions.numDeletedRows), invites: Number(invites.numDeletedRows) };
}
