import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import {
	draftFromFormData,
	emptyDraft,
	LIST_LIMITS,
	parseDraft,
	type ReportDraft
} from '$lib/report/form';
import { whatWillBeSent } from '$lib/report/review';
import { chosenFiles, sealOnServer } from '$lib/server/reports/server-seal';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/server/errors';
import { loadAreas } from '$lib/server/settings/areas';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

export const load = (async () => ({
	unitKey: await publishedUnitKey(await getDb())
})) satisfies PageServerLoad;

type RowList = 'phone' | 'email' | 'handle' | 'vehicles';
const ADD_ROW: Record<
	string,
	{ list: RowList; noun: string; row: () => ReportDraft[RowList][number] }
> = {
	add_phone: { list: 'phone', noun: 'phone numbers', row: () => '' },
	add_email: { list: 'email', noun: 'e-mail addresses', row: () => '' },
	add_handle: { list: 'handle', noun: 'online names', row: () => '' },
	add_vehicle: {
		list: 'vehicles',
		noun: 'vehicles',
		row: () => ({ make: '', model: '', colour: '', registration: '' })
	}
};

/** One more empty row, unless the list already holds as many as a report can. */
function addRow(draft: ReportDraft, intent: string) {
	const { list, row } = ADD_ROW[intent];
	const rows = draft[list] as unknown[];
	if (rows.length >= LIST_LIMITS[list]) {
		const errors = { [list]: m.form_err_list_full({ max: LIST_LIMITS[list] }) };
		return fail(400, { draft, errors });
	}
	rows.push(row());
	return { draft, errors: {}, added: intent.slice(4) };
}

/**
 * The no-JavaScript path (DESIGN §5.4), and the fallback when WebAssembly is missing: the form is
 * posted as it is and sealed here on arrival. Nothing from it is logged; it is echoed back only
 * to the reporter's own page when something needs correcting.
 */
export const actions = {
	default: async ({ request }) => {
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			return fail(400, {
				draft: emptyDraft(),
				errors: { form: m.form_err_unreadable() }
			});
		}
		const draft = draftFromFormData(form);
		const intent = form.get('intent');
		if (typeof intent === 'string' && Object.hasOwn(ADD_ROW, intent)) {
			return addRow(draft, intent);
		}
		if (intent === 'review') {
			// "Check my answers" without JavaScript: the page comes back showing what would be sent.
			const parsed = parseDraft(draft, [], await loadAreas(await getDb()));
			return { draft, errors: parsed.ok ? {} : parsed.errors, review: true };
		}
		try {
			const result = await sealOnServer(
				await getDb(),
				whatWillBeSent(draft),
				chosenFiles(form.getAll('files')),
				getLocale()
			);
			if (!result.ok) {
				return fail(400, { draft, errors: result.errors });
			}
			return {
				sent: { code: result.code, mode: 'server' as const, notCleaned: result.notCleaned }
			};
		} catch (err) {
			if (err instanceof DomainError) {
				return fail(err.status, { draft, errors: { form: err.message } });
			}
			throw err;
		}
	}
} satisfies Actions;
