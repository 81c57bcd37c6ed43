import { json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { createHmac, randomBytes } from 'node:crypto';

/**
 * Rate limits keyed by a keyed hash of the client address. The key lives only in memory and is
 * replaced every hour, so the counters cannot be turned back into addresses, nothing is persisted,
 * and no address ever reaches a log. Tor users share exit addresses, so limits are generous and
 * anonymous submissions also need proof of work.
 */
const WINDOW_MS = 60_000;
const ROTATE_MS = 60 * 60_000;

interface Rule {
	name: string;
	match: (event: RequestEvent) => boolean;
	perWindow: number;
}

const isWrite = (event: RequestEvent) =>
	event.request.method !== 'GET' && event.request.method !== 'HEAD';
const limit = () => Number(process.env.RATE_LIMIT_FACTOR ?? '1');

const RULES: Rule[] = [
	{
		name: 'login',
		match: (e) => isWrite(e) && e.url.pathname.startsWith('/staff/login'),
		perWindow: 20
	},
	{
		name: 'setup',
		match: (e) => isWrite(e) && /^\/staff\/(setup|invite)/.test(e.url.pathname),
		perWindow: 20
	},
	{
		name: 'report',
		match: (e) => isWrite(e) && /^\/(report|api\/v1\/reports)/.test(e.url.pathname),
		perWindow: 30
	},
	{
		name: 'status',
		match: (e) => isWrite(e) && /^\/(status|api\/v1\/status)/.test(e.url.pathname),
		perWindow: 60
	}
];

let key = randomBytes(32);
let keyBorn = Date.now();
const counters = new Map<string, { count: number; windowStart: number }>();

function bucketFor(rule: Rule, address: string, now: number): string {
	if (now - keyBorn > ROTATE_MS) {
		key = randomBytes(32);
		keyBorn = now;
		counters.clear();
	}
	return rule.name + ':' + createHmac('sha256', key).update(address).digest('base64url');
}

export const rateLimit: Handle = async ({ event, resolve }) => {
	const rule = RULES.find((r) => r.match(event));
	if (!rule) {
		return resolve(event);
	}
	const now = Date.now();
	const bucket = bucketFor(rule, event.getClientAddress(), now);
	const entry = counters.get(bucket);
	if (!entry || now - entry.windowStart > WINDOW_MS) {
		counters.set(bucket, { count: 1, windowStart: now });
	} else if (++entry.count > rule.perWindow * limit()) {
		const retry = Math.ceil((entry.windowStart + WINDOW_MS - now) / 1000);
		const message = 'Too many attempts. Please wait a minute and try again.';
		if (event.url.pathname.startsWith('/api/')) {
			return json(
				{ error: { code: 'rate_limited', message } },
				{ status: 429, headers: { 'Retry-After': String(retry) } }
			);
		}
		return new Response(message, {
			status: 429,
			headers: { 'Retry-After': String(retry), 'Content-Type': 'text/plain; charset=utf-8' }
		});
	}
	return resolve(event);
};
