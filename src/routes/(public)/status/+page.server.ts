import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formatReportCode } from '$lib/crypto/report-code';
import { getSodium } from '$lib/crypto/sodium';
import { POLICE_CHOICES, type PoliceChoice } from '$lib/report/consent';
import { askedContact, contactChangeText, contactFromForm } from '$lib/report/contact-details';
import { MAX_PADDED_MESSAGE } from '$lib/report/limits';
import { notCleanedWords } from '$lib/i18n/files';
import {
	addReporterMessage,
	changeConsent,
	reloadReport,
	withdrawReport
} from '$lib/server/reports/reporter-access';
import { checkFiles, chosenFiles } from '$lib/server/reports/server-seal';
import {
	lookupByCode,
	openStatus,
	sealReporterMessageOnServer
} from '$lib/server/reports/server-status';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { DomainError } from '$lib/server/errors';
import { loadReportPeriods } from '$lib/server/retention/settings';

export const load = (async () => ({
	unitKey: await publishedUnitKey(await getDb()),
	// The periods, not the words: the page says them in its language, which may change in place.
	retention: await loadReportPeriods(await getDb())
})) satisfies PageServerLoad;

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
};

async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

/**
 * The status page without JavaScript (DESIGN §5.4). Every action posts the code (never in a URL),
 * the server derives the reporter's keys for that one request, acts, and renders the thread.
 */
async function withReport(
	request: Request,
	act: (
		args: Awaited<ReturnType<typeof lookupByCode>> & { ok: true },
		form: FormData
	) => Promise<string | { error: string; status: number }>
) {
	const form = await readForm(request);
	if (!form) {
		return fail(400, { codeError: 'empty' as const });
	}
	const db = await getDb();
	const found = await lookupByCode(db, text(form, 'code'));
	if (!found.ok) {
		return fail(found.reason === 'not_found' ? 404 : 400, { codeError: found.reason });
	}
	try {
		// A refusal (quota, pace, disk) is told on the page, with the thread, never as a 500.
		const outcome = await act(found, form).catch((err: unknown) => {
			if (err instanceof DomainError) {
				return { status: err.status, error: err.message };
			}
			throw err;
		});
		const opened = await openStatus(db, await reloadReport(db, found.report), found.secrets);
		const code = formatReportCode(found.code);
		if (typeof outcome === 'string') {
			return { status: { ...opened, code }, notice: outcome };
		}
		return fail(outcome.status, { status: { ...opened, code }, actionError: outcome.error });
	} finally {
		(await getSodium()).memzero(found.secrets.privateKey);
	}
}

export const actions = {
	check: ({ request }) => withReport(request, async () => ''),

	reply: ({ request }) =>
		withReport(request, async ({ report }, form) => {
			const message = text(form, 'text');
			const kind = text(form, 'kind') === 'more_info' ? 'more_info' : 'reply';
			const files = chosenFiles(form.getAll('files'));
			if (!message && files.length === 0) {
				return { status: 400, error: m.status_err_empty_message() };
			}
			if (new TextEncoder().encode(message).length > MAX_PADDED_MESSAGE - 1024) {
				return { status: 400, error: m.status_err_too_long() };
			}
			const fileError = checkFiles(files).files;
			if (fileError) {
				return { status: 400, error: fileError };
			}
			const db = await getDb();
			const sealed = await sealReporterMessageOnServer(report, db, kind, message, files);
			await addReporterMessage(db, report, sealed);
			const done = kind === 'more_info' ? m.status_done_info() : m.status_done_message();
			return [done, notCleanedWords(sealed.notCleaned)].filter(Boolean).join(' ');
		}),

	consent: ({ request }) =>
		withReport(request, async ({ report }, form) => {
			const warn = text(form, 'warn');
			const police = text(form, 'police');
			if ((warn !== 'yes' && warn !== 'no') || !POLICE_CHOICES.includes(police as PoliceChoice)) {
				return { status: 400, error: m.status_err_both() };
			}
			const db = await getDb();
			try {
				await changeConsent(db, report, {
					warn: warn === 'yes',
					police: police as PoliceChoice
				});
			} catch (err) {
				if (err instanceof DomainError) {
					return { status: err.status, error: err.message };
				}
				throw err;
			}
			// New contact details reach the unit as a message, sealed here on arrival like a reply
			// without JavaScript: never stored in the clear.
			const contact = contactChangeText(askedContact(contactFromForm(form), police));
			if (!contact) {
				return m.status_done_choices();
			}
			const sealed = await sealReporterMessageOnServer(report, db, 'more_info', contact, []);
			await addReporterMessage(db, report, sealed);
			return m.status_done_choices_contact();
		}),

	withdraw: ({ request }) =>
		withReport(request, async ({ report }, form) => {
			if (text(form, 'confirm') !== 'yes') {
				return {
					status: 400,
					error: m.status_err_tick()
				};
			}
			await withdrawReport(await getDb(), report);
			return m.status_done_withdrawn();
		})
} satisfies Actions;
