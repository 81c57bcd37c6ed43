import { randomBytes } from 'node:crypto';
import { toBase64url } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { newId } from '../ids';
import { DomainError } from '../errors';
import { nowIso } from '../time';

/**
 * Partner organisations' feed keys (DESIGN §5.9): 32 random bytes, shown once, stored only as
 * generichash(32, key). Every presented key is hashed and looked up the same way, so an unknown
 * key costs what a known one costs.
 */

export const FEED_LABEL_MAX = 100;
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashKey = async (key: string) => (await getSodium()).crypto_generichash(32, key, null);

export async function createFeedKey(
	db: Db,
	staff: Staff,
	label: string
): Promise<{ id: string; key: string }> {
	const key = toBase64url(new Uint8Array(randomBytes(32)));
	const keyHash = await hashKey(key);
	return withAudit(db, async (trx) => {
		const id = newId();
		await trx
			.insertInto('feed_keys')
			.values({
				id,
				label,
				key_hash: keyHash,
				created_at: nowIso(),
				created_by: staff.id,
				last_used_at: null,
				revoked_at: null
			})
			.execute();
		return {
			result: { id, key },
			audit: { actorId: staff.id, action: 'feed_key.created', detail: { feed_key_id: id, label } }
		};
	});
}

export function revokeFeedKey(db: Db, staff: Staff, id: string): Promise<void> {
	return withAudit(db, async (trx) => {
		const row = await trx
			.selectFrom('feed_keys')
			.select(['label', 'revoked_at'])
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row) {
			throw new DomainError(404, 'not_found', 'No feed key has this id.');
		}
		if (row.revoked_at !== null) {
			throw new DomainError(409, 'conflict', 'This key was already revoked.');
		}
		await trx.updateTable('feed_keys').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
		return {
			result: undefined,
			audit: {
				actorId: staff.id,
				action: 'feed_key.revoked',
				detail: { feed_key_id: id, label: row.label }
			}
		};
	});
}

export const listFeedKeys = (db: Db) =>
	db
		.selectFrom('feed_keys')
		.select(['id', 'label', 'created_at', 'last_used_at', 'revoked_at'])
		.orderBy('created_at', 'desc')
		.execute();

/** 'ok' for a live key (its last use is noted), 'revoked', or 'unknown' — malformed included. */
export async function useFeedKey(db: Db, presented: string): Promise<'ok' | 'revoked' | 'unknown'> {
	// Hash first, whatever was presented: the same work for well-formed and malformed keys.
	const hash = await hashKey(presented.slice(0, 200));
	const row = await db
		.selectFrom('feed_keys')
		.select(['id', 'revoked_at'])
		.where('key_hash', '=', hash)
		.executeTakeFirst();
	if (!row || !KEY_PATTERN.test(presented)) {
		return 'unknown';
	}
	if (row.revoked_at !== null) {
		return 'revoked';
	}
	await db
		.updateTable('feed_keys')
		.set({ last_used_at: nowIso() })
		.where('id', '=', row.id)
		.execute();
	return 'ok';
}
