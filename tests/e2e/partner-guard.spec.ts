import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { getSodium } from '../../src/lib/crypto/sodium';
import { startPortal, type Portal } from './support/portal';
import { withDb } from './support/staff';

/**
 * Walks the partner route tree on disk, as the staff guard test walks the staff one: every partner
 * page, action and endpoint refuses an anonymous visitor and a unit staff member, except the few
 * that exist to sign in, to join, and to explain.
 */
const ROUTES = join(process.cwd(), 'src', 'routes');
const ROUTE_FILES = ['+page.svelte', '+page.server.ts', '+page.ts', '+server.ts'];
const PUBLIC = new Set(['/partner/login', '/partner/invite/[token]', '/partner/about']);

interface Route {
	id: string;
	path: string;
	files: string[];
	dir: string;
}

function walk(dir: string, out: Route[] = []): Route[] {
	const entries = readdirSync(dir);
	const files = entries.filter((name) => ROUTE_FILES.includes(name));
	if (files.length > 0) {
		const id = '/' + relative(ROUTES, dir).split(sep).join('/');
		const path = id.replace(/\[[^\]]+\]/g, 'dummy-value');
		out.push({ id, path, files, dir });
	}
	for (const name of entries) {
		if (statSync(join(dir, name)).isDirectory()) {
			walk(join(dir, name), out);
		}
	}
	return out;
}

const routes = walk(join(ROUTES, 'partner'));
const guarded = routes.filter((r) => !PUBLIC.has(r.id));
const source = (r: Route, file: string) => readFileSync(join(r.dir, file), 'utf8');
const actionNames = (r: Route) =>
	r.files.includes('+page.server.ts')
		? [
				...(source(r, '+page.server.ts').split('export const actions')[1] ?? '').matchAll(
					/^\t(\w+):/gm
				)
			].map((m) => m[1])
		: [];
const endpointMethods = (r: Route) =>
	r.files.includes('+server.ts')
		? [...source(r, '+server.ts').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
				(m) => m[1]
			)
		: [];

let portal: Portal;
test.beforeAll(async () => {
	portal = await startPortal();
});
test.afterAll(async () => {
	await portal.close();
});

/** A unit staff member with a live session, written straight into the database. */
async function staffSession(): Promise<string> {
	const sodium = await getSodium();
	const token = new Uint8Array(randomBytes(32));
	const id = randomUUID();
	const now = new Date().toISOString();
	const later = new Date(Date.now() + 3_600_000).toISOString();
	withDb(portal.dbPath, (db) => {
		db.prepare(
			`insert into staff (id, username, role, team, status, kdf_salt, kdf_ops, kdf_mem, auth_hash,
			 box_pk, sign_pk, secret_box, secret_nonce, totp_secret, totp_nonce, created_at)
			 values (?, ?, 'admin', 'RASSO', 'active', ?, 2, 67108864, ?, ?, ?, ?, ?, ?, ?, ?)`
		).run(
			id,
			`admin-${id.slice(0, 6)}`,
			...[16, 32, 32, 32, 32, 24, 32, 24].map((n) => randomBytes(n)),
			now
		);
		db.prepare(
			'insert into sessions (id_hash, staff_id, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?)'
		).run(Buffer.from(sodium.crypto_generichash(32, token, null)), id, now, now, later);
	});
	return Buffer.from(token).toString('base64url');
}

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
	const staffToken = await staffSession();
	const visitors = [
		{ who: 'anonymous', cookie: undefined },
		// A staff member's own cookie (path /) reaches /partner too: it is no partner session.
		{ who: 'staff', cookie: `sr_session=${staffToken}` }
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
		headers: { cookie: `sr_partner=${staffToken}` }
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
