import type { Kysely } from 'kysely';
import type { Database, NewStaff, Staff } from '../db/schema';

type Executor = Kysely<Database>;

export const findStaffByUsername = (db: Executor, username: string) =>
	db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();

export const findStaffById = (db: Executor, id: string) =>
	db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
	const row = await db
		.selectFrom('staff')
		.select('id')
		.where('username', '=', username)
		.executeTakeFirst();
	return row !== undefined;
}

export const insertStaff = (db: Executor, staff: NewStaff) =>
	db.insertInto('staff').values(staff).execute();

export const findGrant = (db: Executor, staffId: string) =>
	db.selectFrom('keyring_grants').selectAll().where('staff_id', '=', staffId).executeTakeFirst();

/** Everyone on the team page, oldest first, with their keyring grant if any. */
export const listTeam = (db: Executor) =>
	db
		.selectFrom('staff')
		.leftJoin('keyring_grants', 'keyring_grants.staff_id', 'staff.id')
		.select([
			'staff.id',
			'staff.username',
			'staff.role',
			'staff.team',
			'staff.status',
			'staff.box_pk',
			'staff.created_at',
			'keyring_grants.version as keyring_version',
			'keyring_grants.keys_from'
		])
		.where('staff.org_id', 'is', null)
		.orderBy('staff.created_at')
		.orderBy('staff.id')
		.execute();

export type StaffPublic = Pick<Staff, 'id' | 'username' | 'role' | 'team'>;
export const toMe = (staff: Staff): StaffPublic => ({
	id: staff.id,
	username: staff.username,
	role: staff.role,
	team: staff.team
});
