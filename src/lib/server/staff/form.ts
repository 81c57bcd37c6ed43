import { fail, type ActionFailure } from '@sveltejs/kit';
import * as v from 'valibot';
import type { FormError } from '../../api/staff';
import { DomainError } from '../errors';

/** Form fields to a plain object of strings (files and repeated names are not used by staff forms). */
export async function formFields(request: Request): Promise<Record<string, string>> {
	try {
		const data = await request.formData();
		const out: Record<string, string> = {};
		for (const [key, value] of data) {
			if (typeof value === 'string') {
				out[key] = value;
			}
		}
		return out;
	} catch {
		throw new DomainError(
			400,
			'invalid',
			'The form could not be read. Please reload the page and try again.'
		);
	}
}

/** Validates with a shared schema; the first problem becomes a DomainError naming its field. */
export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
	const result = v.safeParse(schema, input);
	if (result.success) {
		return result.output;
	}
	const issue = result.issues[0];
	const field = issue.path?.[0]?.key;
	const missing = issue.input === undefined;
	throw new DomainError(
		400,
		'invalid',
		missing
			? 'Something needed is missing. This page needs JavaScript; please reload it and try again.'
			: issue.message,
		typeof field === 'string' ? field : undefined
	);
}

/** The form actions' adapter: runs an action body and turns a DomainError into
 * `fail(status, { error })`, the shape every staff page's error summary shows. Anything else is a bug. */
export async function refusalsAsFailures<T>(
	work: () => Promise<T>
): Promise<T | ActionFailure<{ error: FormError }>> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof DomainError) {
			return fail(e.status, { error: { message: e.message, field: e.field } });
		}
		throw e;
	}
}
