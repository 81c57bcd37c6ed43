import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { startPortal, type Portal } from './support/portal';
import { actionNames, endpointMethods, ROUTES_DIR, source, walkRoutes } from './support/route-tree';
import { addMember, sessionCookie } from './support/sessions';

/**
 * Walks the partner route tree on disk, as the staff guard test walks the staff one: every partner
 * page, action and endpoint refuses an anonymous visitor and a unit staff member, except the few
 * that exist to sign in, to join, and to explain.
 */
const PUBLIC = new Set(['/partner/login', '/partner/invite/[token]', '/partner/about']);

const routes = walkRoutes(join(ROUTES_DIR, 'partner'));
const guarded = routes.filter((r) => !PUBLIC.has(r.id));

let portal: Portal;
test.beforeAll(async () => {
	portal = await startPortal();
});
test.afterAll(async () => {
	await portal.close();
});

test('the partner route tree was read, with the expected public routes', () => {
	const ids = routes.map((r) => r.id);
	expect(ids).toEqual(
		expect.arrayContaining([
			'/partner',
			'/partner/report',
			'/partner/warnings',
			'/partner/api/wallet',
			'/partner/api/me/keys'
		])
	);
	for (const id of PUBLIC) {
		expect(ids).toContain(id);
	}
});

test('every guarded partner page, action and endpoint refuses anonymous visitors and staff', async ({
	request
}) => {
	const staffCookie = await sessionCookie(portal.dbPath, addMember(portal.dbPath, 'admin'));
	const visitors = [
		{ who: 'anonymous', cookie: undefined },
		// A staff member's own cookie (path /) reaches /partner too: it is no partner session.
		{ who: 'staff', cookie: staffCookie }
	];
	const checked: string[] = [];
	for (const { who, cookie } of visitors) {
		const expectRefused = async (method: string, path: string) => {
			const api = path.startsWith('/partner/api/');
			const res = await request.fetch(portal.url + path, {
				method,
				maxRedirects: 0,
				headers: {
					origin: portal.url,
					accept: api ? 'application/json' : 'text/html',
					...(cookie ? { cookie } : {})
				},
				...(method === 'GET' ? {} : api ? { data: { probe: 1 } } : { form: { probe: '1' } })
			});
			const what = `${who}: ${method} ${path}`;
			if (api) {
				expect(res.status(), what).toBe(401);
				expect(await res.json(), what).toEqual({
					error: { code: 'unauthenticated', message: 'Sign in first.' }
				});
			} else {
				expect(res.status(), what).toBe(303);
				expect(res.headers()['location'], what).toBe('/partner/login');
			}
			checked.push(what);
		};
		for (const r of guarded) {
			if (r.files.some((f) => f.startsWith('+page'))) {
				await expectRefused('GET', r.path);
				for (const action of actionNames(r)) {
					await expectRefused('POST', `${r.path}?/${action}`);
				}
			}
			for (const method of endpointMethods(r)) {
				await expectRefused(method, r.path);
			}
		}
	}
	expect(checked).toEqual(
		expect.arrayContaining([
			'anonymous: GET /partner',
			'staff: PUT /partner/api/wallet',
			'staff: POST /partner/api/wallet/rotate',
			'staff: POST /partner?/invite',
			'anonymous: POST /partner/logout'
		])
	);
	// A staff session presented as a partner one is refused as the wrong kind of account.
	const wrong = await request.get(portal.url + '/partner/api/wallet', {
		headers: { cookie: staffCookie.replace(/^sr_session=/, 'sr_partner=') }
	});
	expect(wrong.status()).toBe(403);
	expect(portal.output()).not.toContain('unexpected error');
});

test('every guarded partner load, action and endpoint calls requirePartner itself', () => {
	for (const r of guarded) {
		for (const file of r.files.filter((f) => f.endsWith('.ts') && f !== '+layout.server.ts')) {
			const text = source(r, file);
			const handlers =
				(/export const load\b/.test(text) ? 1 : 0) +
				(file === '+page.server.ts' ? actionNames(r).length : 0) +
				(file === '+server.ts' ? endpointMethods(r).length : 0);
			const guards = (text.match(/\b(requirePartner|partnerEndpoint)\(event\b/g) ?? []).length;
			expect(guards, `${r.id}/${file}`).toBeGreaterThanOrEqual(handlers);
		}
	}
});

test('the partner JSON API refuses in its one error shape, also before its own code runs', async ({
	request
}) => {
	const calls = guarded
		.filter((r) => r.path.startsWith('/partner/api/'))
		.flatMap((r) => endpointMethods(r).map((method) => ({ method, path: r.path })));
	expect(calls.map((c) => `${c.method} ${c.path}`)).toContain('POST /partner/api/wallet/grants');
	const refusals = [
		// A form from another site, a form with no origin, a method the endpoint does not take.
		...calls.map((c) => ({ ...c, origin: 'https://evil.example' })),
		...calls.map((c) => ({ ...c, origin: 'null' })),
		{ method: 'PATCH', path: '/partner/api/wallet', origin: portal.url }
	];
	for (const { method, path, origin } of refusals) {
		const res = await request.fetch(portal.url + path, {
			method,
			maxRedirects: 0,
			headers: { origin, accept: 'application/json' },
			...(method === 'GET' ? {} : { form: { probe: '1' } })
		});
		const what = `${method} ${path} from ${origin}`;
		expect(res.status(), what).toBeGreaterThanOrEqual(400);
		expect(res.status(), what).toBeLessThan(500);
		expect(res.headers()['content-type'], what).toContain('application/json');
		expect(await res.json(), what).toEqual({
			error: { code: expect.any(String), message: expect.any(String) }
		});
	}
	expect(portal.output()).not.toContain('unexpected error');
});
