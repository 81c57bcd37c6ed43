import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { draftFromFormData, emptyDraft, type ReportDraft } from '$lib/report/form';
import { chosenFiles, sealOnServer } from '$lib/server/reports/server-seal';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/server/errors';

export const load = (async () => ({
	unitKey: await publishedUnitKey(await getDb())
})) satisfies PageServerLoad;

const ADD_ROW: Record<string, (draft: ReportDraft) => void> = {
	add_phone: (d) => d.phone.push(''),
	add_email: (d) => d.email.push(''),
	add_handle: (d) => d.handle.push(''),
	add_vehicle: (d) => d.vehicles.push({ make: '', model: '', colour: '', registration: '' })
};

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
				errors: { form: 'The form could not be read. Please try again.' }
			});
		}
		const draft = draftFromFormData(form);
		const intent = form.get('intent');
		if (typeof intent === 'string' && intent in ADD_ROW) {
			ADD_ROW[intent](draft);
			return { draft, errors: {}, added: intent.slice(4) };
		}
		try {
			const result = await sealOnServer(await getDb(), draft, chosenFiles(form.getAll('files')));
			if (!result.ok) {
				return fail(400, { draft, errors: result.errors });
			}
			return { sent: { code: result.code, mode: 'server' as const } };
		} catch (err) {
			if (err instanceof DomainError) {
				return fail(err.status, { draft, errors: { form: err.message } });
			}
			throw err;
		}
	}
} satisfies Actions;
