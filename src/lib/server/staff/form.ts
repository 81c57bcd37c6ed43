import { fail, type ActionFailure } from '@sveltejs/kit';
import * as v from 'valibot';
import type { FormError } from '../../api/staff';

/** A refusal raised deep inside a change (often inside its transaction, which it rolls back). */
export class Refusal extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 423 | 429,
		message: string,
		readonly field?: string
	) {
		super(message);
	}
}

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
		throw new Refusal(400, 'The form could not be read. Please reload the page and try again.');
	}
}

/** Validates with a shared schema; the first problem becomes a Refusal naming its field. */
export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
	const result = v.safeParse(schema, input);
	if (result.success) {
		return result.output;
	}
	const issue = result.issues[0];
	const field = issue.path?.[0]?.key;
	const missing = issue.input === undefined;
	throw new Refusal(
		400,
		missing
			? 'Something needed is missing. This page needs JavaScript; please reload it and try again.'
			: issue.message,
		typeof field === 'string' ? field : undefined
	);
}

/** Runs an action body and turns a Refusal into `fail(status, { error })`; anything else is a bug. */
export async function refusalsAsFailures<T>(
	work: () => Promise<T>
): Promise<T | ActionFailure<{ error: FormError }>> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof Refusal) {
			return fail(e.status, { error: { message: e.message, field: e.field } });
		}
		throw e;
	}
}
