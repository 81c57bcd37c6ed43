import { json } from '@sveltejs/kit';
import type * as v from 'valibot';
import { issueField } from '../../report/api';
import { BodyTooLarge, readAtMost } from '../http/read-body';

/** A client mistake, answered as `4xx { error: { code, message, field? } }` (DESIGN §6). */
export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly field?: string
	) {
		super(message);
	}
}

export const fromIssues = (issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]) =>
	new ApiFailure(400, 'invalid', issues[0].message, issueField(issues[0]));

export function failureResponse(failure: ApiFailure): Response {
	const error: { code: string; message: string; field?: string } = {
		code: failure.code,
		message: failure.message
	};
	if (failure.field) {
		error.field = failure.field;
	}
	return json({ error }, { status: failure.status });
}

/** Runs an endpoint; an ApiFailure becomes its 4xx answer. Anything else is a bug: it is logged
 * without request data and answered by SvelteKit's plain 500. */
export async function answer(work: () => Promise<Response>): Promise<Response> {
	try {
		return await work();
	} catch (err) {
		if (err instanceof ApiFailure) {
			return failureResponse(err);
		}
		throw err;
	}
}

/**
 * Reads a small JSON request body; anything but JSON is a 400. Every JSON endpoint reads through
 * here: the body is streamed with a ceiling, so an oversized one costs no more than `maxBytes`.
 */
export async function readJson(request: Request, maxBytes = 16 * 1024): Promise<unknown> {
	if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
		throw new ApiFailure(415, 'unsupported_media_type', 'Send application/json.');
	}
	let body: Uint8Array;
	try {
		body = await readAtMost(request, maxBytes);
	} catch (err) {
		if (err instanceof BodyTooLarge) {
			throw new ApiFailure(413, 'too_large', 'The request is too large.');
		}
		throw new ApiFailure(400, 'bad_body', 'The request body could not be read.');
	}
	try {
		return JSON.parse(new TextDecoder().decode(body)) as unknown;
	} catch {
		throw new ApiFailure(400, 'bad_json', 'The request body is not valid JSON.');
	}
}

/** Reads a multipart body; garbage is a 400, never a crash. */
export async function readMultipart(request: Request): Promise<FormData> {
	if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
		throw new ApiFailure(415, 'unsupported_media_type', 'Send multipart/form-data.');
	}
	try {
		return await request.formData();
	} catch {
		throw new ApiFailure(400, 'bad_multipart', 'The multipart body could not be read.');
	}
}

/** A multipart part that must be a JSON object, sent as a string or a file. */
export async function jsonPart(form: FormData, name: string): Promise<unknown> {
	const part = form.get(name);
	if (part === null) {
		throw new ApiFailure(400, 'missing_part', `The "${name}" part is missing.`, name);
	}
	// A part sent as a file is sized before it is read; a string part is already in memory.
	if (typeof part !== 'string' && part.size > 256 * 1024) {
		throw new ApiFailure(413, 'too_large', `The "${name}" part is too large.`, name);
	}
	const text = typeof part === 'string' ? part : await part.text();
	if (text.length > 256 * 1024) {
		throw new ApiFailure(413, 'too_large', `The "${name}" part is too large.`, name);
	}
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new ApiFailure(400, 'bad_json', `The "${name}" part is not valid JSON.`, name);
	}
}
