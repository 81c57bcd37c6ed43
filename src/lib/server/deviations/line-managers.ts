import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '../db/schema';
import { DomainError } from '../errors';

/** Who can acknowledge a deviation record: members who can read records (analysts cannot). */
const LINE_MANAGER_ROLES: readonly StaffRole[] = ['reviewer', 'admin'];

/** The members a record's author may name as line manager: active, able to read records, and
 * not the author. Listed by username for the form. */
export const lineManagerChoices = (db: Kysely<Database>, authorId: string) =>
	db
		.selectFrom('staff')
		.select(['id', 'username', 'team'])
		.where('status', '=', 'active')
		.where('role', 'in', LINE_MANAGER_ROLES)
		.where('id', '!=', authorId)
		.orderBy('username')
		.execute();

/** Refuses a line manager who is not one of the author's choices; nothing is stored. */
export async function checkLineManager(
	db: Kysely<Database>,
	authorId: string,
	lineManagerId: string
): Promise<void> {
	const choices = await lineManagerChoices(db, authorId);
	if (!choices.some((member) => member.id === lineManagerId)) {
		throw new DomainError(
			400,
			'invalid',
			lineManagerId === authorId
				? 'Choose someone else as your line manager: a record cannot be acknowledged by its author.'
				: 'Choose your line manager from the list: that member cannot acknowledge records.',
			'line_manager_id'
		);
	}
}
