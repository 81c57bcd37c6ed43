import type { Kysely } from 'kysely';
import { DEFAULT_PORTAL_NAMES, type PortalNames } from '../../settings/portal';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { changeSetting } from './change';

const KEYS = { name: 'portal_name', unit: 'unit_name' } as const;

/** The portal's and the unit's names, with the defaults for what no admin has set. */
export async function loadPortalNames(db: Kysely<Database>): Promise<PortalNames> {
	const rows = await db
		.selectFrom('settings')
		.select(['key', 'value'])
		.where('key', 'in', [KEYS.name, KEYS.unit])
		.execute();
	const stored = new Map(rows.map((r) => [r.key, r.value]));
	return {
		name: stored.get(KEYS.name) || DEFAULT_PORTAL_NAMES.name,
		unit: stored.get(KEYS.unit) || DEFAULT_PORTAL_NAMES.unit
	};
}

/** Saves whichever of the two names changed, one audit line each. */
export async function savePortalNames(db: Db, admin: Staff, names: PortalNames) {
	const current = await loadPortalNames(db);
	const changed = (['name', 'unit'] as const).filter((k) => current[k] !== names[k]);
	for (const part of changed) {
		await changeSetting(db, admin, KEYS[part], async (trx) => {
			const old = (await loadPortalNames(trx))[part];
			return { value: names[part], result: undefined, detail: { old, new: names[part] } };
		});
	}
	return changed;
}
