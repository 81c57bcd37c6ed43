import { edgeConfig } from './edge-config.js';
import type { Budget } from './rate-limit';

/**
 * Whose address a request has, for rate limiting only: the result is hashed under the hourly
 * in-memory key and never stored or logged (rate-limit.ts).
 *
 * - Direct connections (no ADDRESS_HEADER): the socket's address. A forwarded-for header sent by
 *   the client is ignored, so nobody can pick a fresh budget, or spend another's, by writing one.
 * - Behind a proxy (ADDRESS_HEADER, XFF_DEPTH): adapter-node reads the address the proxy wrote.
 *   A request without it did not come through the proxy; all such requests share one budget
 *   instead of failing.
 * - Shared address (SHARED_ADDRESS=on, e.g. an onion service): every client is the same client.
 */
const SHARED = 'shared-address';
const UNFORWARDED = 'not-forwarded-by-the-proxy';

export function clientAddress(request: {
	/** Whether the request carries X-Forwarded-For (only to warn that it is ignored). */
	forwarded: boolean;
	/** The address adapter-node gives: it throws when the configured header is absent. */
	getClientAddress: () => string;
}): string {
	const config = edgeConfig();
	if (config.sharedAddress) {
		return SHARED;
	}
	if (!config.addressHeader) {
		noticeUnusedForwarding(request.forwarded);
		return request.getClientAddress();
	}
	try {
		return request.getClientAddress();
	} catch {
		noticeMissingForwarding(config.addressHeader);
		return UNFORWARDED;
	}
}

/**
 * The budgets in force. With one shared address a per-address budget is one budget for everyone:
 * one person could spend it and lock every other reporter out. So the JSON API's budgets are
 * lifted there, and proof of work (whose cost POW_MAX sets) carries report submissions; a
 * status lookup needs a 115-bit report code and is cheap to refuse. The no-JavaScript forms keep
 * their own small budget, apart from the API's, so a flood of them cannot touch the JavaScript
 * path. The staff and bulletin budgets stay: they slow guessing, which must stay slow for all.
 */
const LIFTED_WHEN_SHARED = new Set(['api-reports', 'api-status']);

export function budgetInForce(budget: Budget | undefined): Budget | undefined {
	if (budget && edgeConfig().sharedAddress && LIFTED_WHEN_SHARED.has(budget.name)) {
		return undefined;
	}
	return budget;
}

const LOG_EVERY_MS = 60 * 60_000;
let lastUnused = -Infinity;
let lastMissing = -Infinity;

/** A proxy is passing addresses the portal does not read: every reporter shares the proxy's. */
function noticeUnusedForwarding(forwarded: boolean) {
	if (!forwarded || Date.now() - lastUnused < LOG_EVERY_MS) {
		return;
	}
	lastUnused = Date.now();
	console.warn(
		'requests carry X-Forwarded-For, but ADDRESS_HEADER is not set, so it is ignored. Behind a ' +
			'proxy set ADDRESS_HEADER=X-Forwarded-For and XFF_DEPTH, or SHARED_ADDRESS=on when the ' +
			'proxy cannot pass addresses (docs/deploy.md).'
	);
}

function noticeMissingForwarding(header: string) {
	if (Date.now() - lastMissing < LOG_EVERY_MS) {
		return;
	}
	lastMissing = Date.now();
	console.warn(
		`a request arrived without a usable ${header} header (ADDRESS_HEADER): it did not come ` +
			'through the proxy, or XFF_DEPTH is more than the proxies in front. Such requests share ' +
			'one rate-limit budget. Listen on a loopback address only (HOST), behind the proxy.'
	);
}
