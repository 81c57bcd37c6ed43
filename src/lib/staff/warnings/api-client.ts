/** The staff warning endpoints, read with the API's one error shape (DESIGN §6). */
export type ApiAnswer<T> =
	{ ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };

export async function sendWarningRequest<T>(
	method: 'POST' | 'PUT',
	url: string,
	body: unknown
): Promise<ApiAnswer<T>> {
	let res: Response;
	try {
		res = await fetch(url, {
			method,
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(body)
		});
	} catch {
		return {
			ok: false,
			error: { code: 'offline', message: 'The server could not be reached. Please try again.' }
		};
	}
	const answer = (await res.json().catch(() => null)) as
		(T & { error?: { code: string; message: string; field?: string } }) | null;
	if (res.ok && answer) {
		return { ok: true, data: answer };
	}
	return {
		ok: false,
		error: answer?.error ?? { code: 'failed', message: 'That did not work. Please try again.' }
	};
}
