import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { readJson } from '$lib/server/reports/api-error';
import { CASE_ROLES, notFound } from '$lib/server/triage/api';
import { SealedNoteSchema } from '$lib/server/triage/schemas';
import { REPORT_REF_PATTERN } from '$lib/report/vocabulary';
import { addNote } from '$lib/server/triage/triage';
import { staffEndpoint } from '$lib/server/api/endpoint';
import type { RequestHandler } from './$types';
import { fromIssues } from '$lib/server/errors';

/** An encrypted staff note, sealed in the browser to the unit key (DESIGN §5.3). */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, CASE_ROLES, async (staff) => {
		if (!REPORT_REF_PATTERN.test(event.params.ref)) {
			throw notFound();
		}
		const parsed = v.safeParse(SealedNoteSchema, await readJson(event.request, 128 * 1024));
		if (!parsed.success) {
			throw fromIssues(parsed.issues);
		}
		await addNote(await getDb(), staff, event.params.ref, parsed.output);
		return json({ ok: true }, { status: 201 });
	});
