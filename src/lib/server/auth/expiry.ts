import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { addMinutes } from '../time';

/** Deletes sessions past their absolute or idle limit and invites that expired unused. Both are
 * already refused when presented; deleting them keeps dead credentials (even hashed) out of the
 * database. Used invites stay: they record who joined through which invite. */
export async function deleteExpiredAccess(
	db: Kysely<Database>,
	now: string,
	idleMinutes: number
): Promise<void> {
	const idleSince = addMinutes(now, -idleMinutes);
	await db
		.deleteFrom('sessions')
		.where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
		.execute();
	await db
		.deleteFrom('invites')
		.where('used_at', 'is', null)
		.where('expires_at', '<=', now)
		.execute();
}
