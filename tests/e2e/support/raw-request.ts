import { request as httpRequest } from 'node:http';

export interface RawRequest {
	method: string;
	/** Sent as it is: dot segments and undecodable escapes reach the server untouched. */
	path: string;
	headers: Record<string, string>;
	body?: Uint8Array | string;
}

/**
 * Sends one request on a connection of its own, with the bytes exactly as given (no client
 * clean-up of the path), and a deadline. Status 0: no answer in time, or the connection was
 * dropped before any answer came.
 */
export function rawRequest(
	baseUrl: string,
	req: RawRequest,
	timeoutMs = 20_000
): Promise<{ status: number; headers: Headers; text: string }> {
	const { hostname, port } = new URL(baseUrl);
	return new Promise((resolve) => {
		let answered: { status: number; headers: Headers; chunks: Buffer[] } | null = null;
		const finish = (why?: string) => {
			clearTimeout(timer);
			resolve(
				answered
					? {
							status: answered.status,
							headers: answered.headers,
							text: Buffer.concat(answered.chunks).toString('utf8')
						}
					: { status: 0, headers: new Headers(), text: why ?? 'no answer' }
			);
		};
		const body = req.body === undefined ? undefined : Buffer.from(req.body);
		const out = httpRequest(
			{
				host: hostname,
				port,
				method: req.method,
				path: req.path,
				agent: false,
				headers: { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) }
			},
			(res) => {
				const headers = new Headers();
				for (const [name, value] of Object.entries(res.headers)) {
					headers.set(name, [value].flat().join(', '));
				}
				answered = { status: res.statusCode ?? 0, headers, chunks: [] };
				res.on('data', (c: Buffer) => answered!.chunks.push(c));
				res.on('end', () => finish());
				res.on('error', () => finish());
			}
		);
		const timer = setTimeout(() => {
			out.destroy();
			finish(`no answer within ${timeoutMs} ms`);
		}, timeoutMs);
		// Writing the rest of a body the server already refused may fail; its answer stands.
		out.on('error', (e: NodeJS.ErrnoException) =>
			finish(`connection dropped: ${e.code ?? e.message}`)
		);
		out.end(body);
	});
}
