import { Agent, request } from 'node:http';

/**
 * A small HTTP load generator for benchmarks: `connections` keep-alive connections, each sending
 * the next request as soon as its last answer has arrived, until every request has been sent.
 * Returns the requests per second over the whole run and the statuses received.
 * @param {string} url the server's origin
 * @param {{ method: string, path: string, headers: Record<string, string>, body: Buffer }[]} requests
 * @param {number} connections
 * @returns {Promise<{ perSecond: number, seconds: number, statuses: Map<number, number>, bodies: string[] }>}
 */
export async function runLoad(url, requests, connections) {
	const { hostname, port } = new URL(url);
	const agent = new Agent({ keepAlive: true, maxSockets: connections });
	/** @type {Map<number, number>} */
	const statuses = new Map();
	/** @type {string[]} */
	const bodies = new Array(requests.length);
	let next = 0;

	/** @param {number} i */
	const send = (i) =>
		new Promise((resolve, reject) => {
			const r = requests[i];
			const req = request(
				{
					hostname,
					port,
					agent,
					method: r.method,
					path: r.path,
					headers: { ...r.headers, 'content-length': String(r.body.length) }
				},
				(res) => {
					/** @type {Buffer[]} */
					const chunks = [];
					res.on('data', (c) => chunks.push(c));
					res.on('end', () => {
						statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
						bodies[i] = Buffer.concat(chunks).toString('utf8');
						resolve(undefined);
					});
					res.on('error', reject);
				}
			);
			req.on('error', reject);
			req.end(r.body);
		});

	const worker = async () => {
		while (next < requests.length) {
			await send(next++);
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: connections }, worker));
	const seconds = (performance.now() - started) / 1000;
	agent.destroy();
	return { perSecond: requests.length / seconds, seconds, statuses, bodies };
}
