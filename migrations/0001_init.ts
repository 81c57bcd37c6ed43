import { type Kysely } from 'kysely';
import { binary } from './portable';

// Frozen in time: this file imports no application code. Portable types only (text timestamps,
// integer booleans, binary as blob on SQLite and bytea on PostgreSQL) so both engines run it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	const bin = binary(db);

	await db.schema
		.createTable('settings')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('unit_keys')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('public_key', bin, (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text')
		.addColumn('retired_at', 'text')
		.execute();

	await db.schema
		.createTable('staff')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('team', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('kdf_salt', bin, (c) => c.notNull())
		.addColumn('kdf_ops', 'integer', (c) => c.notNull())
		.addColumn('kdf_mem', 'integer', (c) => c.notNull())
		.addColumn('auth_hash', bin, (c) => c.notNull())
		.addColumn('box_pk', bin, (c) => c.notNull())
		.addColumn('sign_pk', bin, (c) => c.notNull())
		.addColumn('secret_box', bin, (c) => c.notNull())
		.addColumn('secret_nonce', bin, (c) => c.notNull())
		.addColumn('totp_secret', bin, (c) => c.notNull())
		.addColumn('totp_nonce', bin, (c) => c.notNull())
		.addColumn('totp_last_step', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locked_until', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('disabled_at', 'text')
		.execute();

	await db.schema
		.createTable('keyring_grants')
		.addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('sealed_keyring', bin, (c) => c.notNull())
		.addColumn('granted_by', 'text', (c) => c.references('staff.id'))
		.addColumn('granted_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id_hash', bin, (c) => c.primaryKey())
		.addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_seen_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_staff').on('sessions').column('staff_id').execute();

	await db.schema
		.createTable('invites')
		.addColumn('token_hash', bin, (c) => c.primaryKey())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('team', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.addColumn('used_by', 'text')
		.execute();

	await db.schema
		.createTable('reports')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('ref', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('unit_key_id', 'text', (c) => c.notNull().references('unit_keys.id'))
		.addColumn('envelope_json', 'text', (c) => c.notNull())
		.addColumn('nonce', bin, (c) => c.notNull())
		.addColumn('ciphertext', bin, (c) => c.notNull())
		.addColumn('key_for_unit', bin, (c) => c.notNull())
		.addColumn('key_for_reporter', bin, (c) => c.notNull())
		.addColumn('reporter_pk', bin, (c) => c.notNull())
		.addColumn('lookup_hash', bin, (c) => c.notNull().unique())
		.addColumn('sealed_by', 'text', (c) => c.notNull())
		.addColumn('team', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('safeguarding', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('grade', 'integer')
		.addColumn('assignee_id', 'text', (c) => c.references('staff.id'))
		.addColumn('outcome', 'text')
		.addColumn('thrive_json', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('closed_at', 'text')
		.addColumn('withdrawn_at', 'text')
		.addColumn('first_opened_at', 'text')
		.execute();
	await db.schema
		.createIndex('reports_queue')
		.on('reports')
		.columns(['priority', 'grade', 'created_at', 'id'])
		.execute();
	await db.schema
		.createIndex('reports_status')
		.on('reports')
		.columns(['status', 'created_at'])
		.execute();
	await db.schema
		.createIndex('reports_team')
		.on('reports')
		.columns(['team', 'created_at'])
		.execute();

	await db.schema
		.createTable('messages')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('direction', 'text', (c) => c.notNull())
		.addColumn('author_id', 'text', (c) => c.references('staff.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('nonce', bin, (c) => c.notNull())
		.addColumn('ciphertext', bin, (c) => c.notNull())
		.addColumn('key_for_unit', bin, (c) => c.notNull())
		.addColumn('key_for_reporter', bin, (c) => c.notNull())
		.addColumn('read_at', 'text')
		.execute();
	await db.schema
		.createIndex('messages_report')
		.on('messages')
		.columns(['report_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('attachments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('message_id', 'text', (c) => c.references('messages.id').onDelete('cascade'))
		.addColumn('idx', 'integer', (c) => c.notNull())
		.addColumn('ciphertext', bin, (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('attachments_report')
		.on('attachments')
		.columns(['report_id', 'message_id', 'idx'])
		.execute();

	await db.schema
		.createTable('notes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
		.addColumn('kind', 'text', (c) => c.notNull().defaultTo('note'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('nonce', bin, (c) => c.notNull())
		.addColumn('ciphertext', bin, (c) => c.notNull())
		.addColumn('key_for_unit', bin, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('notes_report')
		.on('notes')
		.columns(['report_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('report_links')
		.addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('index_value', bin, (c) => c.notNull())
		.addPrimaryKeyConstraint('report_links_pk', ['report_id', 'index_value'])
		.execute();
	await db.schema
		.createIndex('report_links_value')
		.on('report_links')
		.column('index_value')
		.execute();

	await db.schema
		.createTable('warnings')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('report_id', 'text', (c) => c.references('reports.id').onDelete('set null'))
		.addColumn('area', 'text', (c) => c.notNull())
		.addColumn('incident_month', 'text', (c) => c.notNull())
		.addColumn('types_json', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('identifiers_json', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('published_at', 'text')
		.addColumn('published_by', 'text', (c) => c.references('staff.id'))
		.addColumn('retracted_at', 'text')
		.execute();

	await db.schema
		.createTable('deviations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('report_id', 'text', (c) => c.references('reports.id').onDelete('set null'))
		.addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('record_json', 'text', (c) => c.notNull())
		.addColumn('signature', bin, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('audit_events')
		.addColumn('seq', 'integer', (c) => c.primaryKey())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('subject', 'text')
		.addColumn('detail_json', 'text', (c) => c.notNull())
		.addColumn('prev_hash', bin, (c) => c.notNull())
		.addColumn('hash', bin, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('audit_events_actor')
		.on('audit_events')
		.columns(['actor_id', 'seq'])
		.execute();
}

export async function down(db: Db): Promise<void> {
	for (const table of [
		'audit_events',
		'deviations',
		'warnings',
		'report_links',
		'notes',
		'attachments',
		'messages',
		'reports',
		'invites',
		'sessions',
		'keyring_grants',
		'staff',
		'unit_keys',
		'settings'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
