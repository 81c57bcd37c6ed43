import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { changeContacts, loadContacts } from '$lib/server/settings/contacts';
import { ContactEditForm, ContactForm, ContactIndexForm } from '$lib/server/settings/forms';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { toMe } from '$lib/server/staff/repository';
import { CONTACT_DESCRIPTION_MAX, CONTACT_NAME_MAX, CONTACTS_MAX } from '$lib/report/contacts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	return {
		me: toMe(admin),
		contacts: await loadContacts(await getDb()),
		limits: { name: CONTACT_NAME_MAX, description: CONTACT_DESCRIPTION_MAX, count: CONTACTS_MAX }
	};
}) satisfies PageServerLoad;

/** An edit form's fields carry the contact's place in their ids, so the error links to them. */
function parseEdit(fields: Record<string, string>) {
	try {
		return parseWith(ContactEditForm, fields);
	} catch (e) {
		if (e instanceof DomainError && e.field && e.field !== 'index' && /^\d+$/.test(fields.index)) {
			throw new DomainError(e.status, e.code, e.message, `${e.field}-${fields.index}`);
		}
		throw e;
	}
}

/** A refused contact comes back with what was typed, so nothing has to be typed twice. The
 * failure has the shape `refusalsAsFailures` gives, plus the typed fields. */
async function keepingValues<T>(
	event: RequestEvent,
	intent: 'add' | 'update',
	work: (fields: Record<string, string>) => Promise<T>
) {
	let fields: Record<string, string> = {};
	try {
		fields = await formFields(event.request);
		return await work(fields);
	} catch (e) {
		if (e instanceof DomainError) {
			return fail(e.status, {
				error: { message: e.message, field: e.field },
				typed: { intent, ...fields }
			});
		}
		throw e;
	}
}

export const actions = {
	add: (event) =>
		keepingValues(event, 'add', async (fields) => {
			const admin = requireStaff(event, 'admin');
			const contact = parseWith(ContactForm, fields);
			await changeContacts(await getDb(), admin, { kind: 'add', contact });
			return { done: `Added ${contact.name}. The home page shows it now.` };
		}),
	update: (event) =>
		keepingValues(event, 'update', async (fields) => {
			const admin = requireStaff(event, 'admin');
			const { index, ...contact } = parseEdit(fields);
			await changeContacts(await getDb(), admin, { kind: 'update', index, contact });
			return { done: `Saved ${contact.name}.` };
		}),
	remove: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const { index } = parseWith(ContactIndexForm, await formFields(event.request));
			await changeContacts(await getDb(), admin, { kind: 'remove', index });
			return { done: 'Removed. The home page no longer shows it.' };
		}),
	up: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const { index } = parseWith(ContactIndexForm, await formFields(event.request));
			await changeContacts(await getDb(), admin, { kind: 'up', index });
			return { done: 'Moved up.' };
		})
} satisfies Actions;
