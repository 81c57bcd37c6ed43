import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/**
 * A loopback proxy in front of a portal that keeps the exact bytes of every request the browser
 * sends. Browsers do not report multipart bodies with files to test tools, so this is how a test
 * sees everything that really left the page. Origin is rewritten to the portal's own, as a TLS
 * terminator in front of it would.
 */
export async function startRecordingProxy(target: string) {
	const records: RecordedRequest[] = [];
	const upstream = new URL(target);
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			records.push({
				method: req.method ?? 'GET',
				path: req.url ?? '/',
				headers: req.headers,
				body
			});
			const headers = { ...req.headers, host: upstream.host };
			if (headers.origin) {
				headers.origin = upstream.origin;
			}
			const forward = httpRequest(
				{
					host: upstream.hostname,
					port: upstream.port,
					path: req.url,
					method: req.method,
					headers
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				}
			);
			forward.on('error', () => {
				res.writeHead(502);
				res.end();
			});
			forward.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		records,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
