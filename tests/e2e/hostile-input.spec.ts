import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { openDatabase } from '../../src/lib/server/db/connect';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import { PARTNER_ROLE, type MemberRole } from '../../src/lib/report/vocabulary';
import { fuzzSeed, prng } from '../support/prng';
import { COLUMNS, MATRIX } from './support/authorization-matrix';
import { databaseFingerprint, writeStamp } from './support/db-fingerprint';
import { encode, fieldNames, hostileRequests } from './support/hostile-requests';
import { portalWithEveryRole } from './support/every-role';
import type { Portal } from './support/portal';
import { rawRequest } from './support/raw-request';
import { routeRequests, walkRoutes } from './support/route-tree';
import { sessionCookie } from './support/sessions';
import { count } from './support/staff';
import { getSodium } from '../../src/lib/crypto/sodium';

/**
 * A seeded fuzz of every route the tree on disk answers (public, staff and partner pages, form
 * actions, JSON endpoints), sent anonymously and with a session of each role and of a partner
 * worker. Every answer is under 500, carries no stack trace and comes in time; JSON endpoints refuse in the one error shape; the
 * server's memory stays bounded; and a refused request changes nothing in the database.
 *
 * CI runs 5,000 cases with a fixed seed; FUZZ_CASES and FUZZ_SEED change both (see the README).
 */
const CASES = Number(process.env.FUZZ_CASES ?? 5000);
const SEED = fuzzSeed(20261201);
/** A request that takes longer than this has hung the server, as far as a reporter can tell. */
const HANG_MS = 20_000;
const MiB = 1024 * 1024;
/** Columns a refused request may still touch: every signed-in request keeps its session alive. */
const VOLATILE = ['sessions.last_seen_at'];
/** Actions whose whole input is one free-text name: any junk string of the right length is a valid
 * name, so the fuzz may be accepted there (the name is shown escaped, never run). */
const FREE_TEXT_ACTIONS = new Set([
	'POST /staff/settings/areas?/add',
	'POST /staff/settings/bulletin?/createKey'
]);
const STACK = /^\s+at .+:\d+:\d+\)?$|node_modules|\.(ts|js):\d+:\d+/m;

let portal: Portal;
let members = new Map<MemberRole, string>();
let reportRef = '';

test.describe.configure({ timeout: Math.max(600_000, CASES * 200) });
test.beforeAll(async () => {
	({ portal, reportRef, members } = await portalWithEveryRole({ files: [new Uint8Array(5000)] }));
});
test.afterAll(async () => {
	await portal?.close();
});

const rss = () =>
	Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${portal.pid()}/status`, 'utf8'))![1]) * 1024;

function errorShapeProblem(text: string, type: string): string | null {
	if (!type.includes('application/json')) {
		return `not JSON (${type})`;
	}
	let body: { error?: Record<string, unknown> };
	try {
		body = JSON.parse(text) as typeof body;
	} catch {
		return 'not JSON';
	}
	const keys = Object.keys(body.error ?? {})
		.sort()
		.join(',');
	const ok =
		Object.keys(body).join() === 'error' &&
		typeof body.error?.code === 'string' &&
		typeof body.error.message === 'string' &&
		(keys === 'code,message' ||
			(keys === 'code,field,message' && typeof body.error.field === 'string'));
	return ok ? null : `not the error shape: ${text.slice(0, 200)}`;
}

test(`${CASES} hostile requests to every route, as anonymous and each role: only 4xx, no stack, no hang, no write`, async () => {
	console.log(`hostile input: seed ${SEED}, ${CASES} cases (FUZZ_SEED and FUZZ_CASES change them)`);
	const random = prng(SEED);
	const sodium = await getSodium();
	const { pick, chance, int } = random;
	const gen = hostileRequests(random, fieldNames());
	const routes = routeRequests(walkRoutes());
	const columns = [...COLUMNS];

	const problems: string[] = [];
	const byStatus: Record<string, number> = {};
	const byKind: Record<string, number> = {};
	let accepted = 0;
	const cookies = new Map<string, string>();
	const sessionAlive = (cookie: string | undefined) =>
		cookie !== undefined &&
		count(
			portal.dbPath,
			'sessions',
			'id_hash = ?',
			Buffer.from(
				sodium.crypto_generichash(32, Buffer.from(cookie.split('=')[1], 'base64url'), null)
			)
		) === 1;
	const rssBefore = rss();
	let before = databaseFingerprint(portal.dbPath, VOLATILE);
	let stamp = writeStamp(portal.dbPath);
	/** Takes the database as it now stands as the state the next refused request must keep. */
	const rebase = () => {
		const now = writeStamp(portal.dbPath);
		if (now !== stamp) {
			stamp = now;
			before = databaseFingerprint(portal.dbPath, VOLATILE);
		}
	};

	for (let n = 1; n <= CASES; n++) {
		const route = pick(routes);
		const column = pick(columns);
		const isPartnerArea = route.id === '/partner' || route.id.startsWith('/partner/');
		const isApi = route.id.startsWith('/api/') || route.id.startsWith('/partner/api/');
		const multipartApi = /\/api\/v1\/(reports|status\/messages)$/.test(route.id);
		const tricky = /\[/.test(route.id) && chance(0.3);
		let path = route.id
			.replace('[ref]', tricky ? gen.pathTrick() : reportRef)
			.replace('/staff/team/[id]', `/staff/team/${tricky ? gen.pathTrick() : members.get('admin')}`)
			.replace('[idx]', tricky ? gen.pathTrick() : '0')
			.replace(/\[[^\]]+\]/g, () => (tricky ? gen.pathTrick() : 'dummy-value'));
		if (route.action) {
			path += chance(0.1)
				? gen.actionTrick()
				: route.action === 'default'
					? ''
					: `?/${route.action}`;
		}
		if (route.method === 'GET' && chance(0.6)) {
			const query = Array.from(
				{ length: 1 + int(4) },
				() => `${encode(gen.str())}=${encode(gen.str())}`
			).join('&');
			path += (path.includes('?') ? '&' : '?') + query;
		}
		const headers: Record<string, string> = {
			accept: isApi ? 'application/json' : 'text/html'
		};
		if (chance(0.95)) {
			headers.origin = portal.url;
		} else if (chance(0.5)) {
			headers.origin = pick(['https://evil.example', 'null']);
		}
		if (column !== 'anonymous') {
			// One session per role, made again only when a case ended it (signing out is input-free).
			if (!sessionAlive(cookies.get(column))) {
				cookies.set(column, await sessionCookie(portal.dbPath, members.get(column)!));
				rebase();
			}
			// A partner worker's session travels under the partner cookie on /partner, as their
			// browser sends it; elsewhere it is presented as a staff session, by hand.
			headers.cookie =
				column === PARTNER_ROLE && isPartnerArea
					? cookies.get(column)!.replace(/^sr_session=/, 'sr_partner=')
					: cookies.get(column)!;
		}
		let kind = 'query junk';
		let body: Uint8Array | string | undefined;
		if (route.method !== 'GET') {
			const made = (isApi ? (multipartApi ? chance(0.6) : chance(0.15)) : chance(0.9))
				? gen.form()
				: gen.json();
			kind = made.kind;
			body = made.body;
			if (made.type) {
				headers['content-type'] = made.type;
			}
		}
		if (tricky) {
			kind += ', path trick';
		}
		byKind[kind] = (byKind[kind] ?? 0) + 1;
		const req = { kind, method: route.method, path, headers, body };
		const res = await rawRequest(portal.url, req, HANG_MS);
		const what = `case ${n} (${column}: ${route.method} ${path.slice(0, 120)}; ${kind})`;
		byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;

		if (res.status === 0) {
			if (!existsSync(`/proc/${portal.pid()}`)) {
				problems.push(`${what}: the server died:\n${portal.output().slice(-3000)}`);
				break;
			}
			problems.push(`${what}: ${res.text.slice(0, 200)}`);
			continue;
		}
		if (res.status >= 500) {
			problems.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
		}
		if (STACK.test(res.text)) {
			problems.push(`${what}: a stack trace or source path in the body`);
		}
		const signIn =
			res.status === 303 &&
			res.headers.get('location') === (isPartnerArea ? '/partner/login' : '/staff/login');
		// 301/307/308: the framework tidying a path (a trailing slash, a dot segment), not an answer.
		const tidied = [301, 307, 308].includes(res.status);
		const refused = res.status >= 400 || signIn || tidied;
		// 431: Node's HTTP parser refuses an oversized head before the app runs, with no body.
		if (isApi && res.status >= 400 && !(res.status === 431 && res.text === '')) {
			const problem = errorShapeProblem(res.text, res.headers.get('content-type') ?? '');
			if (problem) {
				problems.push(`${what}: ${problem}`);
			}
		}
		if (refused && writeStamp(portal.dbPath) !== stamp) {
			const after = databaseFingerprint(portal.dbPath, VOLATILE);
			if (after.hash !== before.hash) {
				const changed = Object.keys(after.counts).filter(
					(t) => after.counts[t] !== before.counts[t]
				);
				problems.push(
					`${what}: refused with ${res.status} but wrote (${changed.join(', ') || 'rows changed'})`
				);
			}
			rebase();
		} else if (!refused) {
			accepted++;
			// Only a request that needs no input may succeed: the matrix's probe passed for it.
			const key = `${route.method} ${route.id}${route.action && route.action !== 'default' ? `?/${route.action}` : ''}`;
			const cell = MATRIX[key]?.split(' ')[columns.indexOf(column)];
			const freeText = FREE_TEXT_ACTIONS.has(key) && kind.includes('known fields');
			if (route.method !== 'GET' && !(Number(cell) < 400) && !freeText) {
				problems.push(`${what}: accepted with ${res.status}, though it carries no valid input`);
			}
			rebase();
		}
		if (problems.length >= 20) {
			break;
		}
	}
	if (!existsSync(`/proc/${portal.pid()}`)) {
		problems.push(`the server is gone:\n${portal.output().slice(-3000)}`);
	}
	expect(problems).toEqual([]);
	const rssAfter = rss();
	console.log(
		`hostile input: ${Object.values(byStatus).reduce((a, b) => a + b, 0)} cases run; statuses ${JSON.stringify(byStatus)}; ` +
			`${accepted} accepted (input-free actions and page loads); server RSS ${(rssBefore / MiB).toFixed(0)} MB before, ${(rssAfter / MiB).toFixed(0)} MB after`
	);
	console.log(`hostile input: kinds ${JSON.stringify(byKind)}`);
	expect(problems).toEqual([]);
	// Generous: the point is that thousands of hostile bodies are not kept.
	expect(rssAfter).toBeLessThan(rssBefore + 256 * MiB);
	const db = openDatabase(portal.dbPath);
	try {
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
	} finally {
		await db.destroy();
	}
	expect(portal.output()).not.toContain('unexpected error');
});
