import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export async function getSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
	const row = await db
		.selectFrom('settings')
		.select('value')
		.where('key', '=', key)
		.executeTakeFirst();
	return row?.value;
}

export async function putSetting(db: Kysely<Database>, key: string, value: string): Promise<void> {
	await db
		.insertInto('settings')
		.values({ key, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
}

export async function deleteSetting(db: Kysely<Database>, key: string): Promise<void> {
	await db.deleteFrom('settings').where('key', '=', key).execute();
}
