import type { Kysely } from 'kysely';
import type { AlertWarningState } from '../../api/alerts';
import type { Database, Staff } from '../db/schema';
import { alertProblems } from './outbox';

/** The staff home's one-line warning, for admins only: alerts being retried or given up. */
export async function alertWarningFor(
	db: Kysely<Database>,
	staff: Staff,
	now: Date
): Promise<AlertWarningState | null> {
	if (staff.role !== 'admin') {
		return null;
	}
	const { retrying, failed } = await alertProblems(db, now);
	return retrying + failed > 0 ? { retrying, failed } : null;
}
