import { error, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { lineManagerChoices } from '$lib/server/deviations/line-managers';
import { recordDeviation } from '$lib/server/deviations/record';
import {
	DEVIATION_TEXT_MAX,
	DEVIATION_TEXT_MIN,
	DeviationForm,
	reportRef
} from '$lib/server/deviations/schema';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { toMe } from '$lib/server/staff/repository';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const staff = requireStaff(event, 'reviewer', 'admin');
	const given = event.url.searchParams.get('report');
	let report: string | null = null;
	if (given !== null) {
		const parsed = v.safeParse(reportRef, given.trim().toUpperCase());
		if (!parsed.success) {
			error(400, { message: parsed.issues[0].message, code: 'invalid' });
		}
		const found = await (
			await getDb()
		)
			.selectFrom('reports')
			.select('ref')
			.where('ref', '=', parsed.output)
			.executeTakeFirst();
		if (!found) {
			error(404, { message: 'No report has that reference.', code: 'not_found' });
		}
		report = found.ref;
	}
	return {
		me: toMe(staff),
		report,
		lineManagers: await lineManagerChoices(await getDb(), staff.id),
		textMin: DEVIATION_TEXT_MIN,
		textMax: DEVIATION_TEXT_MAX
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const staff = requireStaff(event, 'reviewer', 'admin');
		const outcome = await refusalsAsFailures(async () => {
			const form = parseWith(DeviationForm, await formFields(event.request));
			return recordDeviation(await getDb(), staff, form);
		});
		if ('id' in outcome) {
			redirect(303, `/staff/deviations?recorded=${outcome.id}`);
		}
		return outcome;
	}
} satisfies Actions;
