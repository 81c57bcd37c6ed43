import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { countersignDeviation } from '$lib/server/deviations/countersign';
import { readDeviation } from '$lib/server/deviations/read';
import { COUNTERSIGN_COMMENT_MAX, CountersignForm } from '$lib/server/deviations/schema';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { toMe } from '$lib/server/staff/repository';
import type { Actions, PageServerLoad } from './$types';

const DeviationId = v.pipe(v.string(), v.uuid());

export const load = (async (event) => {
	const staff = requireStaff(event, 'reviewer', 'admin');
	const id = v.safeParse(DeviationId, event.params.id);
	if (!id.success) {
		error(404, { message: 'There is no such policy-deviation record.', code: 'not_found' });
	}
	const found = await readDeviation(await getDb(), id.output, staff.id);
	if (!found) {
		error(404, { message: 'There is no such policy-deviation record.', code: 'not_found' });
	}
	return {
		me: toMe(staff),
		...found,
		acknowledged: event.url.searchParams.has('acknowledged'),
		commentMax: COUNTERSIGN_COMMENT_MAX
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const staff = requireStaff(event, 'reviewer', 'admin');
		return refusalsAsFailures(async () => {
			const id = parseWith(DeviationId, event.params.id);
			const form = parseWith(CountersignForm, await formFields(event.request));
			await countersignDeviation(await getDb(), staff, id, form);
			return { acknowledged: true };
		});
	}
} satisfies Actions;
