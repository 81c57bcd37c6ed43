import type { Kysely } from 'kysely';
import { toBase64url } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import { fingerprint } from '../../crypto/staff-keys';
import type { UnitKeyInfo } from '../../api/unit-key';
import type { Database, UnitKey } from '../db/schema';

/** The newest unretired unit key: new reports are sealed to it (DESIGN §3). */
export const activeUnitKey = (db: Kysely<Database>): Promise<UnitKey | undefined> =>
	db
		.selectFrom('unit_keys')
		.selectAll()
		.where('retired_at', 'is', null)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();

/** A key a report may still be sealed to: known and not retired (a client that fetched the key a
 * moment before a rotation still gets through). */
export const usableUnitKey = async (db: Kysely<Database>, id: string): Promise<boolean> =>
	(await db
		.selectFrom('unit_keys')
		.select('id')
		.where('id', '=', id)
		.where('retired_at', 'is', null)
		.executeTakeFirst()) !== undefined;

/** The active unit key as the reporter's pages show it: its id, public key and the fingerprint a
 * reporter can compare (DESIGN §6); null until the unit has set up. */
export async function publishedUnitKey(db: Kysely<Database>): Promise<UnitKeyInfo | null> {
	const key = await activeUnitKey(db);
	if (!key) {
		return null;
	}
	const publicKey = new Uint8Array(key.public_key);
	return {
		id: key.id,
		public_key: toBase64url(publicKey),
		fingerprint: fingerprint(await getSodium(), publicKey)
	};
}
