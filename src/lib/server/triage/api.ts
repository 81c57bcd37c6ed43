import { isHttpError, json } from '@sveltejs/kit';
import { ApiFailure, failureResponse } from '../reports/api-error';
import type { StaffRole } from '../db/schema';

/** Roles that may read report content: analysts see statistics only (DESIGN §1). */
export const CASE_ROLES: StaffRole[] = ['reviewer', 'admin'];

/**
 * Runs a staff endpoint. Client mistakes (ApiFailure) and refusals from requireStaff (403) are
 * answered in the API's one error shape, `{ error: { code, message, field? } }`.
 */
export async function staffAnswer(work: () => Promise<Response>): Promise<Response> {
	try {
		return await work();
	} catch (err) {
		if (err instanceof ApiFailure) {
			return failureResponse(err);
		}
		if (isHttpError(err) && err.status < 500) {
			return json(
				{ error: { code: err.body.code ?? 'refused', message: err.body.message } },
				{ status: err.status }
			);
		}
		throw err;
	}
}

export const notFound = () => new ApiFailure(404, 'not_found', 'No report has this reference.');
