import { getSodium } from '../../crypto/sodium';
import type { DeviationAcknowledgement } from '../../api/records';
import type { Db } from '../db';
import { acknowledgementOf } from './check';
import { deviationsWithAuthor, toListItem } from './list';

/** One record for its own page: as the list shows it, plus the exact signed text (the line
 * manager's browser hashes it, so the countersignature binds what they read) and whether this
 * member may countersign it now. Null if there is no such record. */
export async function readDeviation(db: Db, id: string, viewerId: string) {
	const row = await deviationsWithAuthor(db).where('deviations.id', '=', id).executeTakeFirst();
	if (!row) {
		return null;
	}
	const item = toListItem(await getSodium(), row);
	return {
		item,
		recordJson: row.record_json,
		canCountersign:
			row.line_manager_id === viewerId && item.acknowledgement.state === 'waiting' && item.verified
	};
}

/** Where each of these records stands with its line manager, by id (the audit page's events). */
export async function acknowledgementsOf(
	db: Db,
	ids: string[]
): Promise<Record<string, DeviationAcknowledgement>> {
	if (ids.length === 0) {
		return {};
	}
	const sodium = await getSodium();
	const rows = await deviationsWithAuthor(db).where('deviations.id', 'in', ids).execute();
	return Object.fromEntries(rows.map((row) => [row.id, acknowledgementOf(sodium, row)]));
}
