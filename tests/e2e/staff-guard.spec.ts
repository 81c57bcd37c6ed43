import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { PARTNER_ROLE, type StaffRole } from '../../src/lib/report/vocabulary';
import { startPortal, type Portal } from './support/portal';
import { actionNames, endpointMethods, ROUTES_DIR, source, walkRoutes } from './support/route-tree';
import { addMember, addPartnerWorker, sessionCookie } from './support/sessions';

/**
 * Walks the route tree on disk, so a route added later is checked without anyone remembering to
 * list it: every staff page, action and endpoint must refuse a request without a session, except
 * the few that exist to create one.
 */
const ROOTS = [join(ROUTES_DIR, 'staff'), join(ROUTES_DIR, 'api', 'v1', 'staff')];

/** Reachable without a session, on purpose: signing in, first-run setup, joining by invite, and
 * the worker bootstrap those pages need (it holds no data). */
const PUBLIC = new Set([
	'/staff/login',
	'/staff/login/salt',
	'/staff/setup',
	'/staff/invite/[token]',
	'/staff/kdf-worker.js'
]);

const routes = ROOTS.flatMap((root) => walkRoutes(root));
const guarded = routes.filter((r) => !PUBLIC.has(r.id));

let portal: Portal;
test.beforeAll(async () => {
	portal = await startPortal();
});
test.afterAll(async () => {
	await portal.stop();
});

test('the route tree was read, and the only public staff routes are the expected ones', () => {
	expect(routes.map((r) => r.id)).toEqual(
		expect.arrayContaining([
			'/staff',
			'/staff/team',
			'/staff/keys',
			'/api/v1/staff/me/keys',
			'/staff/warnings',
			'/staff/warnings/[id]',
			'/staff/settings/bulletin',
			'/api/v1/staff/warnings/[id]/publish'
		])
	);
	expect(guarded.length).toBeGreaterThanOrEqual(5);
	for (const id of PUBLIC) {
		expect(routes.map((r) => r.id)).toContain(id);
	}
});

test('every guarded staff page, action and endpoint refuses without a session', async ({
	request
}) => {
	const checked: string[] = [];
	const expectRefused = async (method: string, url: string, isApi: boolean) => {
		const res = await request.fetch(portal.url + url, {
			method,
			maxRedirects: 0,
			headers: { origin: portal.url, accept: 'text/html' },
			...(method === 'GET' ? {} : { form: { probe: '1' } })
		});
		const what = `${method} ${url}`;
		if (isApi) {
			expect(res.status(), what).toBe(401);
			expect(await res.json(), what).toEqual({
				error: { code: 'unauthenticated', message: expect.any(String) }
			});
		} else {
			expect(res.status(), what).toBe(303);
			expect(res.headers()['location'], what).toBe('/staff/login');
		}
		expect(res.headers()['set-cookie'], what).toBeUndefined();
		checked.push(what);
	};

	for (const r of guarded) {
		const isApi = r.path.startsWith('/api/');
		const isPage = r.files.some((f) => f.startsWith('+page'));
		if (isPage) {
			await expectRefused('GET', r.path, isApi);
			await expectRefused('POST', r.path, isApi);
			for (const action of actionNames(r)) {
				await expectRefused('POST', `${r.path}?/${action}`, isApi);
			}
		}
		for (const method of endpointMethods(r)) {
			await expectRefused(method, r.path, isApi);
		}
	}
	// Sanity: the walk found the actions and endpoints it should have.
	expect(checked).toEqual(
		expect.arrayContaining([
			'POST /staff/team?/grant',
			'POST /staff/team?/disable',
			'GET /api/v1/staff/me/keys',
			'GET /staff/keys',
			'POST /staff/logout'
		])
	);
});

test('every guarded load, action and endpoint also calls requireStaff itself', () => {
	// The hook is the first layer; this is the second, which holds if a route moves from under it.
	for (const r of guarded) {
		for (const file of r.files.filter((f) => f.endsWith('.ts'))) {
			const text = source(r, file);
			const handlers =
				(/export const load\b/.test(text) ? 1 : 0) +
				(file === '+page.server.ts' ? actionNames(r).length : 0) +
				(file === '+server.ts' ? endpointMethods(r).length : 0);
			// requireStaff itself, or the JSON adapter that runs it (staffEndpoint).
			const guards = (text.match(/\b(requireStaff|staffEndpoint)\(event\b/g) ?? []).length;
			expect(guards, `${r.id}/${file}`).toBeGreaterThanOrEqual(handlers);
		}
	}
});

test('the public staff routes hand out nothing that needs a session', async ({ request }) => {
	for (const path of ['/staff/login', '/staff/setup', '/staff/invite/dummy-value']) {
		const res = await request.get(portal.url + path, { maxRedirects: 0 });
		expect(res.status(), path).toBe(200);
		expect(res.headers()['set-cookie'], path).toBeUndefined();
	}
	const unknown = await request.get(portal.url + '/staff/invite/dummy-value');
	expect(await unknown.text()).toContain('This invite link cannot be used');
	const worker = await request.get(portal.url + '/staff/kdf-worker.js?src=/etc/passwd');
	expect(worker.status()).toBe(404);
});

test('bad input to the public staff routes gets a clear 4xx, never a 500', async ({ request }) => {
	const html = { origin: portal.url, accept: 'text/html' };
	const posts: [string, Record<string, string>][] = [
		['/staff/login', {}],
		['/staff/login', { username: 'ada', auth_key: 'not base64!', code: '12' }],
		['/staff/login', { username: 'ada', auth_key: 'A'.repeat(43), code: '123456' }],
		['/staff/setup', { setup_code: 'x' }],
		[
			'/staff/setup',
			{ setup_code: 'x', username: 'ada', enrolment: 'garbage', totp_code: '123456' }
		],
		['/staff/invite/dummy-value', { username: 'x' }]
	];
	for (const [path, form] of posts) {
		const res = await request.post(portal.url + path, { headers: html, form, maxRedirects: 0 });
		const what = `POST ${path} ${JSON.stringify(form)}`;
		expect(res.status(), what).toBeGreaterThanOrEqual(400);
		expect(res.status(), what).toBeLessThan(500);
		const body = await res.text();
		expect(body, what).toContain('There is a problem');
		expect(body, what).not.toMatch(/at .*\.js:\d+|node_modules/);
	}
	for (const data of ['not json', '{"username": 42}', '[]']) {
		const res = await request.post(portal.url + '/staff/login/salt', {
			headers: { origin: portal.url, 'content-type': 'application/json' },
			data
		});
		expect(res.status(), data).toBe(400);
		expect(await res.json(), data).toEqual({
			error: { code: 'invalid', message: 'Enter your username.', field: 'username' }
		});
	}
	// And none of it reached the server's error handler.
	expect(portal.output()).not.toContain('unexpected error');
});

/** A member of a role with a live session, written straight into the portal's database: the walk
 * is about who may reach what, not about signing in. Returns the `cookie` header. */
async function signedInAs(role: StaffRole | typeof PARTNER_ROLE): Promise<string> {
	const id =
		role === PARTNER_ROLE ? addPartnerWorker(portal.dbPath) : addMember(portal.dbPath, role);
	return sessionCookie(portal.dbPath, id);
}

/** The one error shape of the JSON API (DESIGN §6), and nothing else. */
const expectErrorShape = (body: unknown, what: string) => {
	expect(body, what).toEqual({
		error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) })
	});
	const error = (body as { error: Record<string, unknown> }).error;
	expect(Object.keys(error).sort(), what).toEqual(
		'field' in error ? ['code', 'field', 'message'] : ['code', 'message']
	);
	expect(error.message, what).not.toMatch(/at .*\.js:\d+|node_modules/);
};

/** Only these endpoints answer an analyst: analysts see statistics, never report content. */
const ANALYST_ENDPOINTS = new Set(['GET /api/v1/staff/me/keys']);
/** Only these staff pages and downloads answer an analyst: home, their own passphrase, statistics. */
const ANALYST_PAGES = new Set([
	'/staff',
	'/staff/passphrase',
	'/staff/stats',
	'/staff/stats/board',
	'/staff/stats/export',
	'/staff/logout'
]);

test('an analyst reaches the statistics and is refused every other staff page and download', async ({
	request
}) => {
	const cookie = await signedInAs('analyst');
	const pages = guarded.filter(
		(r) =>
			!r.path.startsWith('/api/') &&
			(r.files.includes('+page.svelte') || endpointMethods(r).includes('GET'))
	);
	expect(pages.map((r) => r.id)).toEqual(
		expect.arrayContaining(['/staff/reports/[ref]', '/staff/stats', '/staff/stats/export'])
	);
	for (const r of pages) {
		const res = await request.get(portal.url + r.path, { maxRedirects: 0, headers: { cookie } });
		const what = `analyst: GET ${r.path}`;
		if (ANALYST_PAGES.has(r.id)) {
			expect(res.status(), what).toBeLessThan(400);
		} else {
			expect(res.status(), what).toBe(403);
		}
	}
	const csv = await request.get(portal.url + '/staff/stats/export?period=year&year=2026', {
		headers: { cookie }
	});
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(await csv.text()).toContain('section,category,value');
});

test('as each role, every staff endpoint refuses in the API error shape and no page fails', async ({
	request
}) => {
	const apiCalls = guarded
		.filter((r) => r.path.startsWith('/api/'))
		.flatMap((r) => endpointMethods(r).map((method) => ({ method, path: r.path })));
	const pages = guarded.filter(
		(r) => !r.path.startsWith('/api/') && r.files.includes('+page.svelte')
	);
	expect(apiCalls.map((c) => `${c.method} ${c.path}`)).toEqual(
		expect.arrayContaining(['POST /api/v1/staff/deviations', 'GET /api/v1/staff/me/keys'])
	);
	for (const role of ['reviewer', 'analyst', 'admin'] as const) {
		const cookie = await signedInAs(role);
		for (const { method, path } of apiCalls) {
			const what = `${role}: ${method} ${path}`;
			const res = await request.fetch(portal.url + path, {
				method,
				maxRedirects: 0,
				headers: { origin: portal.url, cookie, 'content-type': 'application/json' },
				...(method === 'GET' ? {} : { data: '{"probe":1}' })
			});
			expect(res.status(), what).toBeLessThan(500);
			if (role === 'analyst' && !ANALYST_ENDPOINTS.has(`${method} ${path}`)) {
				expect(res.status(), what).toBe(403);
				expect(await res.json(), what).toEqual({
					error: { code: 'forbidden', message: 'Your role does not allow this.' }
				});
			} else if (res.status() >= 400) {
				expect(res.headers()['content-type'], what).toContain('application/json');
				expectErrorShape(await res.json(), what);
			}
		}
		for (const r of pages) {
			const res = await request.get(portal.url + r.path, { maxRedirects: 0, headers: { cookie } });
			expect(res.status(), `${role}: GET ${r.path}`).toBeLessThan(500);
		}
	}
	expect(portal.output()).not.toContain('unexpected error');
});

test('a partner worker gets 403 on every staff page, action and endpoint, public ones included', async ({
	request
}) => {
	// A partner worker's browser never sends their cookie here (it is scoped to /partner); a
	// hand-made request that presents their session as a staff session is refused outright.
	await signedInAs('admin');
	const cookie = await signedInAs(PARTNER_ROLE);
	const checked: string[] = [];
	{
		const expectForbidden = async (method: string, path: string) => {
			const res = await request.fetch(portal.url + path, {
				method,
				maxRedirects: 0,
				headers: { origin: portal.url, cookie, 'content-type': 'application/json' },
				...(method === 'GET' ? {} : { data: '{"probe":1}' })
			});
			const what = `partner: ${method} ${path}`;
			expect(res.status(), what).toBe(403);
			if (path.startsWith('/api/')) {
				expect(await res.json(), what).toEqual({
					error: { code: 'forbidden', message: 'Your role does not allow this.' }
				});
			}
			expect(res.headers()['set-cookie'], what).toBeUndefined();
			checked.push(what);
		};
		for (const r of routes) {
			const isPage = r.files.some((f) => f.startsWith('+page'));
			if (isPage) {
				await expectForbidden('GET', r.path);
				await expectForbidden('POST', r.path);
				for (const action of actionNames(r)) {
					await expectForbidden('POST', `${r.path}?/${action}`);
				}
			}
			for (const method of endpointMethods(r)) {
				await expectForbidden(method, r.path);
			}
		}
	}
	expect(checked).toEqual(
		expect.arrayContaining([
			'partner: GET /staff',
			'partner: GET /api/v1/staff/me/keys',
			'partner: POST /staff/team?/grant',
			'partner: GET /staff/reports/dummy-value',
			'partner: GET /staff/partners',
			'partner: GET /staff/login'
		])
	);
	// The session itself is alive: it opens the partner pages.
	const home = await request.get(portal.url + '/partner', {
		maxRedirects: 0,
		headers: { cookie: cookie.replace(/^sr_session=/, 'sr_partner=') }
	});
	expect(home.status()).toBe(200);
	expect(portal.output()).not.toContain('unexpected error');
});
