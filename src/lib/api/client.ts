import type { ApiErrorBody } from './error';

/** A refusal from a JSON endpoint, as the browser sees it: the server's code, message and field. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly field?: string
	) {
		super(message);
	}
}

/** Reads `{ error: { code, message, field? } }` from a failed response. When the body is not that
 * shape (a proxy's page, a dropped connection), `fallback` is the message a person sees. */
export async function apiErrorFrom(res: Response, fallback: string): Promise<ApiError> {
	const body = (await res.json().catch(() => null)) as Partial<ApiErrorBody> | null;
	const error = body?.error;
	return typeof error?.message === 'string'
		? new ApiError(res.status, String(error.code ?? 'error'), error.message, error.field)
		: new ApiError(res.status, 'error', fallback);
}

/** Fetches a JSON endpoint: its parsed answer, or an ApiError carrying the server's message. */
export async function fetchJson<T>(input: string, init: RequestInit, fallback: string): Promise<T> {
	const res = await fetch(input, init);
	if (!res.ok) {
		throw await apiErrorFrom(res, fallback);
	}
	return (await res.json()) as T;
}

/** The options for a JSON POST. */
export const jsonPost = (body: unknown, init: RequestInit = {}): RequestInit => ({
	method: 'POST',
	...init,
	headers: { 'content-type': 'application/json', accept: 'application/json', ...init.headers },
	body: JSON.stringify(body)
});
