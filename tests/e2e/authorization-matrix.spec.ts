import { expect, test } from '@playwright/test';
import { PARTNER_ROLE, ROLES, type MemberRole } from '../../src/lib/report/vocabulary';
import { portalWithEveryRole } from './support/every-role';
import type { Portal } from './support/portal';
import { routeRequests, walkRoutes } from './support/route-tree';
import { sessionCookie } from './support/sessions';
import { COLUMNS, MATRIX, type Column } from './support/authorization-matrix';

/** Who may do what, as one table: see ./support/authorization-matrix.ts. */
const SIGN_IN_API = { error: { code: 'unauthenticated', message: 'Sign in first.' } };
const FORBIDDEN_API = { error: { code: 'forbidden', message: 'Your role does not allow this.' } };

let portal: Portal;
let members = new Map<MemberRole, string>();
let reportRef = '';

test.describe.configure({ timeout: 300_000 });
test.beforeAll(async () => {
	({ portal, reportRef, members } = await portalWithEveryRole());
});
test.afterAll(async () => {
	await portal?.close();
});

/** A concrete URL for a route id: a real report and member where the route names one. */
function urlFor(id: string): string {
	return id
		.replace('[ref]', reportRef)
		.replace('/staff/team/[id]', `/staff/team/${members.get('admin')}`)
		.replace('[idx]', '0')
		.replace(/\[[^\]]+\]/g, 'dummy-value');
}

/** What one request got, in the table's words. */
async function observe(
	request: import('@playwright/test').APIRequestContext,
	req: { method: string; id: string; action?: string },
	column: Column
): Promise<{ cell: string; problem?: string }> {
	const isPartnerArea = req.id === '/partner' || req.id.startsWith('/partner/');
	const isApi = req.id.startsWith('/api/') || req.id.startsWith('/partner/api/');
	const signIn = isPartnerArea ? '/partner/login' : '/staff/login';
	// A partner worker's browser sends their cookie on /partner only (Path=/partner); elsewhere the
	// probe presents the same session as a staff one, by hand.
	const cookie =
		column === 'anonymous'
			? undefined
			: await sessionCookie(
					portal.dbPath,
					members.get(column)!,
					column === PARTNER_ROLE && isPartnerArea ? 'sr_partner' : 'sr_session'
				);
	const path = urlFor(req.id) + (req.action && req.action !== 'default' ? `?/${req.action}` : '');
	const res = await request.fetch(portal.url + path, {
		method: req.method,
		maxRedirects: 0,
		headers: {
			origin: portal.url,
			accept: isApi ? 'application/json' : 'text/html',
			...(cookie ? { cookie } : {}),
			...(req.method !== 'GET' && isApi ? { 'content-type': 'application/json' } : {})
		},
		...(req.method === 'GET' ? {} : isApi ? { data: '{"probe":1}' } : { form: { probe: '1' } })
	});
	const status = res.status();
	const text = await res.text();
	if (status >= 500) {
		return { cell: String(status), problem: `a ${status}: ${text.slice(0, 200)}` };
	}
	if (/^\s+at .+:\d+:\d+\)?$|node_modules/m.test(text)) {
		return { cell: String(status), problem: 'a stack trace in the body' };
	}
	const json = () => {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return undefined;
		}
	};
	if (isApi && status === 401 && JSON.stringify(json()) === JSON.stringify(SIGN_IN_API)) {
		return { cell: 'sign-in' };
	}
	if (isApi && status === 403 && JSON.stringify(json()) === JSON.stringify(FORBIDDEN_API)) {
		return { cell: 'forbidden' };
	}
	if (!isApi && status === 303 && res.headers()['location'] === signIn) {
		return { cell: 'sign-in' };
	}
	if (!isApi && status === 403 && text.includes(FORBIDDEN_API.error.message)) {
		return { cell: 'forbidden' };
	}
	if (isApi && status >= 400) {
		const body = json() as { error?: Record<string, unknown> } | undefined;
		const keys = Object.keys(body?.error ?? {})
			.sort()
			.join(',');
		if (
			Object.keys(body ?? {}).join() !== 'error' ||
			typeof body?.error?.code !== 'string' ||
			typeof body.error.message !== 'string' ||
			!(keys === 'code,message' || keys === 'code,field,message')
		) {
			return { cell: String(status), problem: `not the API error shape: ${text.slice(0, 200)}` };
		}
	}
	return { cell: String(status) };
}

test('the table has a column for anonymous, every staff role and a partner worker, and every row a cell for each', () => {
	expect([...COLUMNS].sort()).toEqual(['anonymous', ...ROLES, PARTNER_ROLE].sort());
	const short = Object.entries(MATRIX).filter(
		([, row]) => row.split(' ').length !== COLUMNS.length
	);
	expect(
		short.map(([key]) => key),
		`rows without one cell per column (${COLUMNS.join(' ')})`
	).toEqual([]);
});

test('every route and method answers anonymous and each role as the authorization matrix says', async ({
	request
}) => {
	const requests = routeRequests(walkRoutes());
	const keys = requests.map((r) => r.key);
	// The walk read the tree: public, staff and API routes, actions and methods.
	expect(keys).toEqual(
		expect.arrayContaining([
			'GET /',
			'POST /api/v1/reports',
			'POST /staff/team?/grant',
			'PUT /api/v1/staff/warnings/[id]',
			'GET /partner',
			'PUT /partner/api/wallet'
		])
	);
	const missing: string[] = [];
	const wrong: string[] = [];
	const problems: string[] = [];
	for (const req of requests) {
		const cells: string[] = [];
		for (const column of COLUMNS) {
			const seen = await observe(request, req, column);
			cells.push(seen.cell);
			if (seen.problem) {
				problems.push(`${column}: ${req.key}: ${seen.problem}`);
			}
		}
		const row = cells.join(' ');
		if (!(req.key in MATRIX)) {
			missing.push(`'${req.key}': '${row}',`);
		} else if (MATRIX[req.key] !== row) {
			wrong.push(`${req.key}: the table says '${MATRIX[req.key]}', the portal answered '${row}'`);
		}
	}
	const stale = Object.keys(MATRIX).filter((key) => !keys.includes(key));
	expect(problems, 'answers that are never right').toEqual([]);
	expect(
		missing,
		`routes without a row (columns: ${COLUMNS.join(' ')}); decide each cell, then add it`
	).toEqual([]);
	expect(wrong, 'cells the portal does not keep').toEqual([]);
	expect(stale, 'rows for routes that no longer exist').toEqual([]);
	expect(portal.output()).not.toContain('unexpected error');
});
