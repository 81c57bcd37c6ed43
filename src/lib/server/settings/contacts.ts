import type { Kysely } from 'kysely';
import { parseContacts, CONTACTS_MAX, type SupportContact } from '../../report/contacts';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { DomainError } from '../errors';
import { changeSetting } from './change';
import { getSetting } from './store';

const KEY = 'support_contacts';

/** The support contacts shown on the public pages. */
export const loadContacts = async (db: Kysely<Database>): Promise<SupportContact[]> =>
	parseContacts(await getSetting(db, KEY));

type ContactChange =
	| { kind: 'add'; contact: SupportContact }
	| { kind: 'update'; index: number; contact: SupportContact }
	| { kind: 'remove'; index: number }
	| { kind: 'up'; index: number };

/** One edit to the list, audited with the contact as it was and as it is now. */
export function changeContacts(db: Db, admin: Staff, change: ContactChange) {
	return changeSetting(db, admin, KEY, async (trx) => {
		const list = await loadContacts(trx);
		const next = [...list];
		let detail: Record<string, unknown>;
		// The public pages list contacts by name: two of one name would be one contact shown twice.
		if (change.kind === 'add' || change.kind === 'update') {
			const name = change.contact.name.toLowerCase();
			const except = change.kind === 'update' ? change.index : -1;
			if (list.some((c, i) => i !== except && c.name.toLowerCase() === name)) {
				throw new DomainError(409, 'conflict', 'Another contact has that name.', 'name');
			}
		}
		if (change.kind === 'add') {
			if (list.length >= CONTACTS_MAX) {
				throw new DomainError(400, 'invalid', `Show at most ${CONTACTS_MAX} contacts.`);
			}
			next.push(change.contact);
			detail = { change: 'add', old: null, new: change.contact };
		} else {
			const old = list[change.index];
			if (!old) {
				throw new DomainError(
					404,
					'not_found',
					'That contact is not in the list. Reload the page.'
				);
			}
			if (change.kind === 'update') {
				next[change.index] = change.contact;
				detail = { change: 'update', old, new: change.contact };
			} else if (change.kind === 'remove') {
				next.splice(change.index, 1);
				detail = { change: 'remove', old, new: null };
			} else {
				if (change.index === 0) {
					throw new DomainError(400, 'invalid', 'That contact is already first.');
				}
				[next[change.index - 1], next[change.index]] = [old, next[change.index - 1]];
				detail = { change: 'move_up', name: old.name, old: change.index, new: change.index - 1 };
			}
		}
		return { value: JSON.stringify(next), result: next, detail };
	});
}
