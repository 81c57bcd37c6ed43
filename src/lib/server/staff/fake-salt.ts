import type { Kysely } from 'kysely';
import { toBase64url, utf8 } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import { KDF_MEM, KDF_OPS, KDF_SALT_BYTES } from '../../crypto/staff-keys';
import type { Database } from '../db/schema';
import { serverSubkey } from './server-keys';

export interface SaltAnswer {
	salt: string;
	ops: number;
	mem: number;
}

/**
 * The salt shown for a username that does not exist: a keyed hash of the name, so it is the same
 * on every request and after every restart (a changing salt would give the game away), yet cannot
 * be predicted without the server secret.
 */
export async function fakeSalt(username: string, serverSecret?: Uint8Array): Promise<Uint8Array> {
	const sodium = await getSodium();
	const key = await serverSubkey('fakeSalt', serverSecret);
	return sodium.crypto_generichash(KDF_SALT_BYTES, utf8('fakesalt|' + username), key);
}

/** The login salt for a username; known and unknown names get answers of the same shape and cost. */
export async function saltFor(db: Kysely<Database>, username: string): Promise<SaltAnswer> {
	const fake = await fakeSalt(username);
	const row = await db
		.selectFrom('staff')
		.select(['kdf_salt', 'kdf_ops', 'kdf_mem'])
		.where('username', '=', username)
		.executeTakeFirst();
	if (!row) {
		return { salt: toBase64url(fake), ops: KDF_OPS, mem: KDF_MEM };
	}
	return { salt: toBase64url(new Uint8Array(row.kdf_salt)), ops: row.kdf_ops, mem: row.kdf_mem };
}
