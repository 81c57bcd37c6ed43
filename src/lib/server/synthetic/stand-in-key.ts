import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Stores a unit public key whose secret half nobody holds, for benches and tests that only need
 * reports sealed to *some* active key and never open them. Storing it again under the same id
 * changes nothing. The default id has the form every unit key id has (22 base64url characters).
 */
export async function addStandInUnitKey(
	db: Kysely<Database>,
	id = randomBytes(16).toString('base64url'),
	createdAt = new Date().toISOString()
): Promise<{ id: string; publicKey: Uint8Array }> {
	const publicKey = new Uint8Array(randomBytes(32));
	await db
		.insertInto('unit_keys')
		.values({
			id,
			public_key: publicKey,
			created_at: createdAt,
			created_by: null,
			retired_at: null
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
	return { id, publicKey };
}
