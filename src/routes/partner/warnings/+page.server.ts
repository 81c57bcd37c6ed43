import { fail } from '@sveltejs/kit';
import { WARNING_LIMITS } from '$lib/report/warning';
import { getDb } from '$lib/server/db';
import { requirePartner } from '$lib/server/partners/guard';
import { checkTyped, type CheckProblem } from '$lib/server/warnings/check';
import { field, readFilter, readForm } from '$lib/server/warnings/reader';
import { listBulletin } from '$lib/server/warnings/store';
import type { Actions, PageServerLoad } from './$types';

/** The warnings bulletin for signed-in partner workers: their sign-in stands in for the bulletin
 * passphrase. Reading it changes nothing and is not audited, as for any bulletin reader. */
export const load = (async (event) => {
	requirePartner(event);
	const { filter, problem } = readFilter(event.url.searchParams);
	return { bulletin: await listBulletin(await getDb(), filter), filter, filterError: problem };
}) satisfies PageServerLoad;

const CHECK_PROBLEMS: Record<CheckProblem, string> = {
	empty: 'Type a phone number, e-mail, online name or number plate.',
	too_long: `That is too long to be a number or a name (${WARNING_LIMITS.check} characters at most).`,
	unreadable: 'We could not read that as a phone number, e-mail, online name or number plate.'
};

export const actions = {
	filter: async (event) => {
		requirePartner(event);
		const { filter, problem } = readFilter((await readForm(event.request)) ?? new FormData());
		const bulletin = await listBulletin(await getDb(), filter);
		return problem ? fail(400, { bulletin, filter, filterError: problem }) : { bulletin, filter };
	},
	check: async (event) => {
		requirePartner(event);
		const db = await getDb();
		const form = await readForm(event.request);
		const { filter } = readFilter(form ?? new FormData());
		const bulletin = await listBulletin(db, filter);
		const checked = await checkTyped(db, field(form, 'identifier'));
		if ('problem' in checked) {
			return fail(400, {
				bulletin,
				filter,
				checkError: CHECK_PROBLEMS[checked.problem!],
				typed: checked.typed
			});
		}
		return { bulletin, filter, check: { typed: checked.typed, matches: checked.matches } };
	}
} satisfies Actions;
