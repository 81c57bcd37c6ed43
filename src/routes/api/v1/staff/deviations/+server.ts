import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { recordDeviation } from '$lib/server/deviations/record';
import { DeviationSubmission } from '$lib/server/deviations/schema';
import { answer, ApiFailure, fromIssues, readJson } from '$lib/server/reports/api-error';
import { Refusal } from '$lib/server/staff/form';
import type { RequestHandler } from './$types';

/** POST { record, signature }: a signed policy-deviation record (DESIGN §5.7) → 201 { id }. */
export const POST: RequestHandler = async (event) => {
	const staff = requireStaff(event, 'reviewer', 'admin');
	return answer(async () => {
		const parsed = v.safeParse(DeviationSubmission, await readJson(event.request, 64 * 1024));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		try {
			const { id } = await recordDeviation(await getDb(), staff, parsed.output);
			return json({ id }, { status: 201 });
		} catch (err) {
			if (err instanceof Refusal) {
				throw new ApiFailure(err.status, 'refused', err.message, err.field);
			}
			throw err;
		}
	});
};
