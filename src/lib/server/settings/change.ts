import type { Transaction } from 'kysely';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { getSetting, putSetting } from './store';

/**
 * Every settings change goes through here: the new value is computed from the stored one inside
 * the transaction that writes it, and one `settings.change` audit line records which setting and
 * what it was before and after (admin-configured words only, never report content). A save that
 * changes nothing writes nothing, audit line included.
 */
export function changeSetting<T>(
	db: Db,
	admin: Pick<Staff, 'id'>,
	key: string,
	change: (trx: Transaction<Database>) => Promise<{
		value: string;
		result: T;
		detail: Record<string, unknown>;
	}>
): Promise<T> {
	return withAudit(db, async (trx) => {
		const { value, result, detail } = await change(trx);
		if (value === (await getSetting(trx, key))) {
			return { result, audit: [] };
		}
		await putSetting(trx, key, value);
		return {
			result,
			audit: {
				actorId: admin.id,
				action: 'settings.change',
				subject: key,
				detail: { setting: key, ...detail }
			}
		};
	});
}
