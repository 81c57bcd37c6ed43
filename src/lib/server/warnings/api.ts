import * as v from 'valibot';
import { DomainError, fromIssues } from '../errors';
import { readJson } from '../reports/api-error';

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A warning id from the URL; anything else is simply not found. */
export function warningId(param: string): string {
	if (!ID_PATTERN.test(param)) {
		throw new DomainError(404, 'not_found', 'No warning has this id.');
	}
	return param;
}

/** The request body, validated with the shared schema; the first problem names its field. */
export async function readWarningRequest<S extends v.GenericSchema>(
	request: Request,
	schema: S
): Promise<v.InferOutput<S>> {
	const parsed = v.safeParse(schema, await readJson(request, 64 * 1024));
	if (!parsed.success) {
		throw fromIssues(parsed.issues);
	}
	return parsed.output;
}
