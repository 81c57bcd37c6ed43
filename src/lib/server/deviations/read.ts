import { getSodium } from '../../crypto/sodium';
import type { Db } from '../db';
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
