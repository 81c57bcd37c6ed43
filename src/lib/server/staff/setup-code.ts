import type { Kysely } from 'kysely';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ALPHABET, normalizeReportCode } from '../../crypto/report-code';
import { toBase64url } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import { publicOrigin } from '../config';
import type { Db } from '../db';
import type { Database } from '../db/schema';
import { deleteSetting, getSetting, putSetting } from '../settings/store';

const SETTING = 'setup_code_hash';

/**
 * Setup is done while an active admin exists. It opens again when none is left (every admin
 * deleted or disabled): whoever reads the server log may then create a new admin, who restores
 * the keyring from a recovery kit (docs/decisions.md "Recovery kit import").
 */
export const setupDone = async (db: Kysely<Database>): Promise<boolean> =>
	(await db
		.selectFrom('staff')
		.select('id')
		.where('role', '=', 'admin')
		.where('status', '=', 'active')
		.limit(1)
		.executeTakeFirst()) !== undefined;

/** True when the unit already has a key: a setup then restores an admin, not a new unit. */
export const unitKeyExists = async (db: Kysely<Database>): Promise<boolean> =>
	(await db.selectFrom('unit_keys').select('id').limit(1).executeTakeFirst()) !== undefined;

const hashCode = async (code: string) =>
	toBase64url((await getSodium()).crypto_generichash(32, code, null));

/**
 * While no active admin exists, makes a fresh one-time setup code, keeps only its hash and prints
 * it to the operator's console: whoever can read the server log may create the first admin.
 */
export async function announceSetupCode(db: Db): Promise<string | null> {
	if (await setupDone(db)) {
		await deleteSetting(db, SETTING);
		return null;
	}
	const raw = Array.from(randomBytes(20), (b) => ALPHABET[b & 31]).join('');
	const code = raw.match(/.{5}/g)!.join('-');
	await putSetting(db, SETTING, await hashCode(normalizeReportCode(code)));
	console.log(`\nNo active admin account exists. One-time setup code: ${code}`);
	console.log(`Open ${publicOrigin()}/staff/setup to create the first admin.\n`);
	return code;
}

/** True only while setup is open and the code matches (compared in constant time). */
export async function setupCodeMatches(db: Kysely<Database>, code: string): Promise<boolean> {
	const stored = await getSetting(db, SETTING);
	if (!stored || (await setupDone(db))) {
		return false;
	}
	const given = Buffer.from(await hashCode(normalizeReportCode(code)));
	const expected = Buffer.from(stored);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Closes setup for good; call in the transaction that creates the first admin. */
export const consumeSetupCode = (db: Kysely<Database>) => deleteSetting(db, SETTING);
