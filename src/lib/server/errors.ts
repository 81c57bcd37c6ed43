import type * as v from 'valibot';
import { issueField } from '../report/api';

export type DomainErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 423 | 429;

/** The one error every server module throws for a request it refuses: a status, a stable code a
 * client can act on, a message a person can read, and the field at fault if there is one. JSON
 * endpoints answer it as `{ error: { code, message, field? } }` (src/lib/server/api/endpoint.ts);
 * form actions as `fail(status, { error: { message, field } })` (src/lib/server/staff/form.ts).
 * Anything else thrown is a bug, answered by SvelteKit's plain 500. */
export class DomainError extends Error {
	constructor(
		readonly status: DomainErrorStatus,
		readonly code: string,
		message: string,
		readonly field?: string
	) {
		super(message);
	}
}

/** The first problem valibot found, as a 400 naming its field. */
export const fromIssues = (issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]) =>
	new DomainError(400, 'invalid', issues[0].message, issueField(issues[0]));
