import type { Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// Partner organisations (DESIGN §5.8). A partner worker is an account in `staff` under role
// 'partner' with `org_id` set, so signing in, sessions and keys are the staff ones; invites carry
// the organisation a new worker joins.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema
		.createTable('partner_orgs')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('contact', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('disabled_at', 'text')
		.execute();
	await db.schema
		.alterTable('staff')
		.addColumn('org_id', 'text', (c) => c.references('partner_orgs.id'))
		.execute();
	await db.schema.createIndex('staff_org_id').on('staff').column('org_id').execute();
	await db.schema
		.alterTable('invites')
		.addColumn('org_id', 'text', (c) => c.references('partner_orgs.id'))
		.execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.alterTable('invites').dropColumn('org_id').execute();
	await db.schema.dropIndex('staff_org_id').execute();
	await db.schema.alterTable('staff').dropColumn('org_id').execute();
	await db.schema.dropTable('partner_orgs').execute();
}
