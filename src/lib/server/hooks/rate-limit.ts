import type { Handle } from '@sveltejs/kit';
import { createHmac, randomBytes } from 'node:crypto';
import { addressBucket } from './address-bucket';
import { sharedRateCounters, type RateStore } from './rate-store';
import { budgetInForce, clientAddress } from './client-address';
import { tooManyRequests } from './too-many-requests';

/**
 * Rate limits keyed by a keyed hash of the client address (its /64 for IPv6). The key lives only
 * in memory and is replaced every hour, so the counters cannot be turned back into addresses,
 * nothing is persisted, and no address ever reaches a log. Tor users share exit addresses, so the
 * JSON API's limits are generous and its report submissions also need proof of work. The
 * no-JavaScript forms have no proof of work and make the server do the sealing and key
 * derivation, so they get a budget of their own, far smaller. README "Rate limits" lists them.
 */
const MINUTE = 60_000;
const ROTATE_MS = 60 * MINUTE;

export interface Budget {
	name: string;
	/** Requests allowed per window from one address (or IPv6 /64). */
	requests: number;
	windowMs: number;
	/** Which requests spend it: all are writes (GET and HEAD are never limited). */
	matches: (pathname: string) => boolean;
}

export const BUDGETS: Budget[] = [
	{
		name: 'staff-login',
		requests: 20,
		windowMs: MINUTE,
		matches: (p) => p.startsWith('/staff/login')
	},
	{
		// Partner organisations' staff sign in on a page of their own, with the same passphrase
		// and code, so guessing there must stay as slow.
		name: 'partner-login',
		requests: 20,
		windowMs: MINUTE,
		matches: (p) => p.startsWith('/partner/login')
	},
	{
		// Setting up an account from an invite, staff or partner: each guess at a token counts.
		name: 'staff-setup',
		requests: 20,
		windowMs: MINUTE,
		matches: (p) => /^\/(staff\/(setup|invite)|partner\/invite)/.test(p)
	},
	{
		// The report form and the status page's actions without JavaScript: POST /report and
		// POST /status?/check|reply|consent|withdraw, "Add another" included.
		name: 'no-js-forms',
		requests: 20,
		windowMs: 10 * MINUTE,
		matches: (p) => p === '/report' || p === '/status'
	},
	{
		name: 'api-reports',
		requests: 30,
		windowMs: MINUTE,
		matches: (p) => p.startsWith('/api/v1/reports')
	},
	{
		name: 'api-status',
		requests: 60,
		windowMs: MINUTE,
		matches: (p) => p.startsWith('/api/v1/status')
	},
	{
		// The bulletin passphrase and "check a number": guessing either must stay slow.
		name: 'warnings',
		requests: 30,
		windowMs: MINUTE,
		matches: (p) => p.startsWith('/warnings')
	}
];

export const budgetFor = (method: string, pathname: string): Budget | undefined =>
	method === 'GET' || method === 'HEAD' ? undefined : BUDGETS.find((b) => b.matches(pathname));

/** Fixed-window counters under one hourly key. `take` says how long to wait, or 0 to go on. */
export class RateCounters {
	private key = randomBytes(32);
	private keyBorn: number;
	private readonly counters = new Map<string, { count: number; windowStart: number }>();

	constructor(
		private readonly factor = 1,
		now = Date.now()
	) {
		this.keyBorn = now;
	}

	/** The counter's name: never the address, only its bucket hashed under the hourly key. */
	private bucket(budget: Budget, address: string, now: number): string {
		if (now - this.keyBorn > ROTATE_MS) {
			this.key = randomBytes(32);
			this.keyBorn = now;
			this.counters.clear();
		}
		const hash = createHmac('sha256', this.key).update(addressBucket(address)).digest('base64url');
		return budget.name + ':' + hash;
	}

	/** Spends one request; returns 0 when allowed, else the milliseconds until the window ends. */
	take(budget: Budget, address: string, now = Date.now()): number {
		const bucket = this.bucket(budget, address, now);
		const entry = this.counters.get(bucket);
		if (!entry || now - entry.windowStart >= budget.windowMs) {
			this.counters.set(bucket, { count: 1, windowStart: now });
			return 0;
		}
		if (++entry.count <= budget.requests * this.factor) {
			return 0;
		}
		return entry.windowStart + budget.windowMs - now;
	}
}

const factor = Number(process.env.RATE_LIMIT_FACTOR ?? '1');
const counters: RateStore = sharedRateCounters(factor) ?? new RateCounters(factor);

/**
 * Spends one request of the budget in force for this method and path, if any: 0 to go on, else
 * the milliseconds to wait. The hook below and the direct report intake both ask here.
 */
export async function spendRequest(
	method: string,
	pathname: string,
	client: Parameters<typeof clientAddress>[0]
): Promise<number> {
	const budget = budgetInForce(budgetFor(method, pathname));
	return budget ? counters.take(budget, clientAddress(client)) : 0;
}

export const rateLimit: Handle = async ({ event, resolve }) => {
	const waitMs = await spendRequest(event.request.method, event.url.pathname, {
		forwarded: event.request.headers.has('x-forwarded-for'),
		getClientAddress: event.getClientAddress
	});
	return waitMs > 0 ? tooManyRequests(event, waitMs) : resolve(event);
};
