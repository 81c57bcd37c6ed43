import { fail, redirect } from '@sveltejs/kit';
import { checkCandidates, WARNING_LIMITS } from '$lib/report/warning';
import { getDb } from '$lib/server/db';
import {
	bulletinPassphraseIsSet,
	checkBulletinPassphrase,
	clearReaderCookie,
	endReading,
	isReading,
	READER_COOKIE,
	setReaderCookie,
	startReading
} from '$lib/server/warnings/bulletin-access';
import { field, NO_FILTER, readerToken, readFilter, readForm } from '$lib/server/warnings/reader';
import { listBulletin, matchIdentifiers } from '$lib/server/warnings/store';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

const SIGNED_OUT = () => m.warn_err_signed_out();

/** Signed in on this device: the bulletin, filtered by the query string. Otherwise the door. */
export const load = (async ({ cookies, url }) => {
	const db = await getDb();
	const cookie = cookies.get(READER_COOKIE);
	if (cookie && (await isReading(db, cookie))) {
		const { filter, problem } = readFilter(url.searchParams);
		return {
			device: true,
			configured: true,
			bulletin: await listBulletin(db, filter),
			filter,
			filterError: problem
		};
	}
	// A cookie from before a passphrase change (or expired) is removed, not kept.
	if (cookie) {
		clearReaderCookie(cookies);
	}
	return {
		device: false,
		configured: await bulletinPassphraseIsSet(db),
		bulletin: null,
		filter: NO_FILTER,
		filterError: null
	};
}) satisfies PageServerLoad;

export const actions = {
	open: async ({ request, cookies }) => {
		const db = await getDb();
		const form = await readForm(request);
		const passphrase = field(form, 'passphrase');
		if (passphrase.trim() === '') {
			return fail(400, { openError: m.warn_err_enter() });
		}
		if (!(await checkBulletinPassphrase(db, passphrase))) {
			return fail(400, {
				openError: m.warn_err_wrong()
			});
		}
		if (field(form, 'keep') === 'yes') {
			setReaderCookie(cookies, await startReading(db, true));
			redirect(303, localizeHref('/warnings'));
		}
		return {
			token: await startReading(db, false),
			bulletin: await listBulletin(db, NO_FILTER),
			filter: NO_FILTER
		};
	},

	filter: async ({ request, cookies }) => {
		const db = await getDb();
		const form = await readForm(request);
		const reader = await readerToken(db, cookies, form);
		if (!reader) {
			return fail(401, { openError: SIGNED_OUT() });
		}
		const { filter, problem } = readFilter(form ?? new FormData());
		const token = reader.device ? null : reader.token;
		const bulletin = await listBulletin(db, filter);
		if (problem) {
			return fail(400, { token, bulletin, filter, filterError: problem });
		}
		return { token, bulletin, filter };
	},

	/** "Check a number". What was typed is matched and answered, never stored or logged. */
	check: async ({ request, cookies }) => {
		const db = await getDb();
		const form = await readForm(request);
		const reader = await readerToken(db, cookies, form);
		if (!reader) {
			return fail(401, { openError: SIGNED_OUT() });
		}
		const token = reader.device ? null : reader.token;
		const { filter } = readFilter(form ?? new FormData());
		const bulletin = await listBulletin(db, filter);
		const typed = field(form, 'identifier').trim();
		const refuse = (checkError: string) =>
			fail(400, {
				token,
				bulletin,
				filter,
				checkError,
				typed: typed.slice(0, WARNING_LIMITS.check)
			});
		if (typed === '') {
			return refuse(m.warn_err_type_identifier());
		}
		if (typed.length > WARNING_LIMITS.check) {
			return refuse(
				`That is too long to be a number or a name (${WARNING_LIMITS.check} characters at most).`
			);
		}
		const candidates = checkCandidates(typed);
		if (candidates.length === 0) {
			return refuse(m.warn_err_unreadable_identifier());
		}
		const matches = await matchIdentifiers(db, candidates);
		return { token, bulletin, filter, check: { typed, matches } };
	},

	signout: async ({ request, cookies }) => {
		const db = await getDb();
		const form = await readForm(request);
		const cookie = cookies.get(READER_COOKIE);
		await endReading(db, cookie);
		await endReading(db, field(form, 'token'));
		if (cookie) {
			clearReaderCookie(cookies);
		}
		redirect(303, localizeHref('/warnings'));
	}
} satisfies Actions;
