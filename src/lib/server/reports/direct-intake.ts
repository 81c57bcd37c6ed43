import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorBody } from '../../api/error';
import { getDb } from '../db';
import { DomainError } from '../errors';
import { FRAMEWORK_REFUSALS, SERVER_ERROR } from '../hooks/api-errors';
import { edgeConfig } from '../hooks/edge-config.js';
import { formFromSite, wrongAddressMessage } from '../hooks/null-origin';
import { spendRequest } from '../hooks/rate-limit';
import { rateLimitWords } from '../hooks/too-many-requests';
import { DIRECT_ROUTE } from '../http/direct-route.js';
import { parseMultipart, unreadableMultipart } from '../http/multipart';
import { requireMultipart } from './api-error';
import { acceptSealedReport } from './submit';

export const REPORTS_PATH = '/api/v1/reports';

/**
 * POST /api/v1/reports answered straight from node:http under `npm start`, with the same checks,
 * in the same order, and the same answers as the SvelteKit route (src/routes/api/v1/reports),
 * which still answers it under `vite dev` and `vite preview`:
 * the cross-site form check (nullOriginForms), the rate limit (rateLimit), the body size limit
 * (adapter-node's BODY_SIZE_LIMIT), the form limits (parseMultipart), then acceptSealedReport.
 *
 * Why: this is the one route under load (every report, from every reporter, at once after a
 * warning goes round), and the framework's own work per request (a web Request around the node
 * stream, the hooks, the response copied back) cost as much as storing the report. The headers
 * every response carries are written by serve.js, as for every other answer. docs/decisions.md,
 * "The submit path", has the figures.
 *
 * Returns false, without touching the request, for anything it does not answer.
 */
export function directReportIntake(req: IncomingMessage, res: ServerResponse): boolean {
	const siteOrigin = process.env.ORIGIN;
	if (req.method !== 'POST' || req.url !== REPORTS_PATH || !siteOrigin) {
		return false;
	}
	void intake(req, res, new URL(siteOrigin).origin).catch((err: unknown) => {
		// As SvelteKit's handleError: the error's own text for the operator, nothing of the request.
		console.error('unexpected error:', err instanceof Error ? err.message : 'unknown');
		const [code, message] = SERVER_ERROR;
		answer(res, 500, { error: { code, message } });
	});
	return true;
}

async function intake(req: IncomingMessage, res: ServerResponse, siteOrigin: string) {
	const headers = { get: (name: string) => header(req, name) };
	if (!formFromSite('POST', headers, siteOrigin)) {
		return refuse(req, res, 403, 'wrong_address', wrongAddressMessage(siteOrigin));
	}
	const waitMs = await spendRequest('POST', REPORTS_PATH, {
		forwarded: req.headers['x-forwarded-for'] !== undefined,
		getClientAddress: () => adapterClientAddress(req)
	});
	if (waitMs > 0) {
		const { seconds, message } = rateLimitWords(waitMs);
		return refuse(req, res, 429, 'rate_limited', message, { 'retry-after': String(seconds) });
	}
	try {
		const contentType = header(req, 'content-type');
		requireMultipart(contentType);
		const body = await readBody(req);
		if (!body) {
			const [code, message] = FRAMEWORK_REFUSALS[413];
			return refuse(req, res, 413, code, message);
		}
		const { ref } = await acceptSealedReport(await getDb(), parseMultipart(body, contentType));
		answer(res, 201, { ref });
	} catch (err) {
		if (!(err instanceof DomainError)) {
			throw err;
		}
		const field = err.field ? { field: err.field } : {};
		refuse(req, res, err.status, err.code, err.message, {}, field);
	}
}

const header = (req: IncomingMessage, name: string): string | null => {
	const value = req.headers[name];
	return typeof value === 'string' ? value : (value?.join(', ') ?? null);
};

/**
 * Answers a refusal in the API's one error shape. A body still arriving is read and dropped, so
 * the client can finish sending and read the answer (as read-body.ts's drain does).
 */
function refuse(
	req: IncomingMessage,
	res: ServerResponse,
	status: number,
	code: string,
	message: string,
	extraHeaders: Record<string, string> = {},
	field: { field?: string } = {}
) {
	if (!req.readableEnded) {
		req.resume();
	}
	const body: ApiErrorBody = { error: { code, message, ...field } };
	answer(res, status, body, extraHeaders);
}

function answer(
	res: ServerResponse,
	status: number,
	value: unknown,
	extraHeaders: Record<string, string> = {}
) {
	if (res.headersSent || res.destroyed) {
		return;
	}
	const text = JSON.stringify(value);
	res.writeHead(status, {
		...extraHeaders,
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text)
	});
	res.end(text);
}

/** adapter-node's BODY_SIZE_LIMIT, read as the adapter reads it (512K when unset). */
const bodySizeLimit = (() => {
	const value = process.env.BODY_SIZE_LIMIT ?? '512K';
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.at(-1)?.toUpperCase() ?? ''];
	return Number(unit ? value.slice(0, -1) : value) * (unit ?? 1);
})();

/** The whole body, or null once it passes the body size limit (the rest is left to drain). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
	if (Number(req.headers['content-length']) > bodySizeLimit) {
		return Promise.resolve(null);
	}
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > bodySizeLimit) {
				req.off('data', onData);
				resolve(null);
				return;
			}
			chunks.push(chunk);
		};
		req.on('data', onData);
		req.once('end', () => resolve(Buffer.concat(chunks, size)));
		// Cut off by the client: answered as the route answers it, if anyone is left to hear.
		const cutOff = () => reject(unreadableMultipart());
		req.once('error', cutOff);
		req.once('close', () => !req.complete && cutOff());
	});
}

/**
 * The client's address as adapter-node's getClientAddress gives it: the configured header (the
 * XFF_DEPTH-th entry from the right of X-Forwarded-For), throwing when it is absent, else the
 * socket's address. edge-config.js has already refused malformed settings at start.
 */
function adapterClientAddress(req: IncomingMessage): string {
	const { addressHeader, xffDepth } = edgeConfig();
	if (!addressHeader) {
		return req.socket.remoteAddress ?? '';
	}
	if (!(addressHeader in req.headers)) {
		throw new Error(`the ${addressHeader} header is absent`);
	}
	const value = header(req, addressHeader) ?? '';
	if (addressHeader !== 'x-forwarded-for') {
		return value;
	}
	const addresses = value.split(',');
	if (xffDepth > addresses.length) {
		throw new Error(`XFF_DEPTH is ${xffDepth}, but only ${addresses.length} addresses were found`);
	}
	return addresses[addresses.length - xffDepth].trim();
}

/** Called once the server has started: from now on serve.js hands this route to the intake. */
export function offerDirectIntake(): void {
	(globalThis as Record<symbol, unknown>)[DIRECT_ROUTE] = directReportIntake;
}
