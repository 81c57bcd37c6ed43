import { type Kysely } from 'kysely';
import { binary } from './portable';

// Frozen in time: imports no application code.
//
// A policy-deviation record names the line manager it is raised with (record version 2), and the
// line manager countersigns it. `deviations.line_manager_id` copies the signed choice so the
// records waiting for one member can be found without reading every record; verification checks
// that the copy still agrees with what was signed. A record is countersigned at most once: the
// countersignature's primary key is the record's id.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
	await db.schema
		.alterTable('deviations')
		.addColumn('line_manager_id', 'text', (c) => c.references('staff.id'))
		.execute();
	await db.schema
		.createIndex('deviations_line_manager')
		.on('deviations')
		.columns(['line_manager_id', 'at'])
		.execute();
	await db.schema
		.createTable('deviation_countersignatures')
		.addColumn('deviation_id', 'text', (c) => c.primaryKey().references('deviations.id'))
		.addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('body_json', 'text', (c) => c.notNull())
		.addColumn('signature', binary(db), (c) => c.notNull())
		.execute();
}

export async function down(db: Db): Promise<void> {
	await db.schema.dropTable('deviation_countersignatures').execute();
	await db.schema.dropIndex('deviations_line_manager').execute();
	await db.schema.alterTable('deviations').dropColumn('line_manager_id').execute();
}
