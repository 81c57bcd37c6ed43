import { type Kysely } from 'kysely';
import { binary } from './portable';

// Frozen in time: imports no application code.
//
// Who may read the warnings bulletin. Readers hold a passphrase (its argon2id hash lives in
// settings); once it is checked they get a random reading token, stored here only as a hash:
// for half an hour in the page itself, or for 30 days in a cookie if they ask to stay signed in.
// Rotating the passphrase deletes every row, which signs every reader out. Partner organisations
// read the feed with a key of their own, also stored only as a hash.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	const bin = binary(db);
	await db.schema
		.createTable('bulletin_sessions')
		.addColumn('id_hash', bin, (c) => c.primaryKey())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('feed_keys')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('key_hash', bin, (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text')
		.addColumn('last_used_at', 'text')
		.addColumn('revoked_at', 'text')
		.execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.dropTable('feed_keys').execute();
	await db.schema.dropTable('bulletin_sessions').execute();
}
