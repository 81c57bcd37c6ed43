import { expect, test } from '@playwright/test';
import { ROLES, type StaffRole } from '../../src/lib/report/vocabulary';
import { submitReport } from '../support/api-client';
import { installUnitKey } from '../support/unit-keyring';
import { startPortal, type Portal } from './support/portal';
import { routeRequests, walkRoutes } from './support/route-tree';
import { addMember, sessionCookie } from './support/sessions';

/**
 * Who may do what, as one table: every route and method the route tree on disk answers (page
 * loads, form actions, endpoint methods) × anonymous and every staff role, with the answer each
 * must get. A route added later, or a role added to ROLES, fails this test until its row or column
 * is written here. Cells:
 *   sign-in    pages: 303 to /staff/login; API: 401 { error: { code: 'unauthenticated' } }
 *   forbidden  pages: 403 with the role message; API: 403 { error: { code: 'forbidden' } }
 *   <status>   the role passed the check: this exact status for a probe request (a form or JSON
 *              body of one unknown field), and on the API every 4xx in the error shape.
 * Probes carry no valid input, so the table proves who gets past the guard without changing state.
 */
const COLUMNS = ['anonymous', 'analyst', 'reviewer', 'admin'] as const;
type Column = 'anonymous' | StaffRole;

// prettier-ignore
const MATRIX: Record<string, string> = {
	// Public pages and forms: a staff session changes nothing there (columns as COLUMNS).
	'GET /': '200 200 200 200',
	'GET /privacy': '200 200 200 200',
	'GET /report': '200 200 200 200',
	'POST /report': '400 400 400 400',
	'GET /status': '200 200 200 200',
	'POST /status?/check': '400 400 400 400',
	'POST /status?/reply': '400 400 400 400',
	'POST /status?/consent': '400 400 400 400',
	'POST /status?/withdraw': '400 400 400 400',
	'GET /warnings': '200 200 200 200',
	'POST /warnings?/open': '400 400 400 400',
	'POST /warnings?/filter': '401 401 401 401',
	'POST /warnings?/check': '401 401 401 401',
	'POST /warnings?/signout': '303 303 303 303',
	// The public JSON API: no session needed, none used.
	'GET /api/v1/pow': '200 200 200 200',
	'POST /api/v1/reports': '415 415 415 415',
	// The staff JSON API: report content for reviewers and admins; an analyst only their own keys.
	'POST /api/v1/staff/deviations': 'sign-in forbidden 400 400',
	'GET /api/v1/staff/me/keys': 'sign-in 200 200 200',
	'GET /api/v1/staff/reports/[ref]': 'sign-in forbidden 200 200',
	'GET /api/v1/staff/reports/[ref]/attachments/[idx]': 'sign-in forbidden 404 404',
	'POST /api/v1/staff/reports/[ref]/links': 'sign-in forbidden 400 400',
	'POST /api/v1/staff/reports/[ref]/messages': 'sign-in forbidden 400 400',
	'POST /api/v1/staff/reports/[ref]/notes': 'sign-in forbidden 400 400',
	'POST /api/v1/staff/reports/[ref]/triage': 'sign-in forbidden 400 400',
	'GET /api/v1/staff/reports/unindexed': 'sign-in forbidden 200 200',
	'POST /api/v1/staff/warnings': 'sign-in forbidden 400 400',
	'PUT /api/v1/staff/warnings/[id]': 'sign-in forbidden 404 404',
	'POST /api/v1/staff/warnings/[id]/publish': 'sign-in forbidden 404 404',
	'POST /api/v1/staff/warnings/[id]/retract': 'sign-in forbidden 404 404',
	'POST /api/v1/status': '400 400 400 400',
	'POST /api/v1/status/consent': '400 400 400 400',
	'POST /api/v1/status/messages': '415 415 415 415',
	'POST /api/v1/status/withdraw': '400 400 400 400',
	'GET /api/v1/unit-key': '200 200 200 200',
	'GET /api/v1/warnings/feed.atom': '404 404 404 404',
	'GET /api/v1/warnings/feed.json': '404 404 404 404',
	// Staff pages: an analyst gets home, their passphrase and statistics; settings, team, keys and
	// audit are the admin's. Login, setup and invites are reachable without a session on purpose.
	'GET /staff': 'sign-in 200 200 200',
	'GET /staff/audit': 'sign-in forbidden forbidden 200',
	'POST /staff/audit?/checkpoint': 'sign-in forbidden forbidden 400',
	'GET /staff/deviations': 'sign-in forbidden 200 200',
	'GET /staff/deviations/[id]': 'sign-in forbidden 404 404',
	'POST /staff/deviations/[id]': 'sign-in forbidden 404 404',
	'GET /staff/deviations/new': 'sign-in forbidden 200 200',
	'POST /staff/deviations/new': 'sign-in forbidden 400 400',
	'GET /staff/invite/[token]': '200 200 200 200',
	'POST /staff/invite/[token]': '400 400 400 400',
	'GET /staff/kdf-worker.js': '404 404 404 404',
	'GET /staff/keys': 'sign-in forbidden forbidden 200',
	'POST /staff/keys?/importKit': 'sign-in forbidden forbidden 400',
	'GET /staff/keys/kit': 'sign-in forbidden forbidden 200',
	'POST /staff/keys/kit?/exported': 'sign-in forbidden forbidden 400',
	'GET /staff/login': '200 303 303 303',
	'POST /staff/login': '400 303 303 303',
	'POST /staff/login/salt': '415 415 415 415',
	'POST /staff/logout': 'sign-in 303 303 303',
	'GET /staff/passphrase': 'sign-in 200 200 200',
	'POST /staff/passphrase': 'sign-in 400 400 400',
	'GET /staff/reports/[ref]': 'sign-in forbidden 200 200',
	'POST /staff/reports/[ref]?/mash': 'sign-in forbidden 409 409',
	'GET /staff/reports/[ref]/evidence': 'sign-in forbidden 200 200',
	'GET /staff/settings': 'sign-in forbidden forbidden 200',
	'GET /staff/settings/alerts': 'sign-in forbidden forbidden 200',
	'POST /staff/settings/alerts?/save': 'sign-in forbidden forbidden 400',
	'POST /staff/settings/alerts?/dismiss': 'sign-in forbidden forbidden 200',
	'GET /staff/settings/areas': 'sign-in forbidden forbidden 200',
	'POST /staff/settings/areas?/add': 'sign-in forbidden forbidden 400',
	'POST /staff/settings/areas?/rename': 'sign-in forbidden forbidden 400',
	'POST /staff/settings/areas?/retire': 'sign-in forbidden forbidden 400',
	'POST /staff/settings/areas?/restore': 'sign-in forbidden forbidden 400',
	'GET /staff/settings/bulletin': 'sign-in forbidden forbidden 200',
	'POST /staff/settings/bulletin?/passphrase': 'sign-in forbidden forbidden 400',
	'POST /staff/settings/bulletin?/createKey': 'sign-in forbidden forbidden 400',
	'POST /staff/settings/bulletin?/revokeKey': 'sign-in forbidden forbidden 400',
	'GET /staff/settings/contacts': 'sign-in forbidden forbidden 200',
	'POST /staff/settings/contacts?/add': 'sign-in forbidden forbidden 400',
	'POST /staff/settings/contacts?/update': 'sign-in forbidden forbidden 400',
	'POST /staff/settings/contacts?/remove': 'sign-in forbidden forbidden 400',
	'POST /staff/settings/contacts?/up': 'sign-in forbidden forbidden 400',
	'GET /staff/settings/portal': 'sign-in forbidden forbidden 200',
	'POST /staff/settings/portal': 'sign-in forbidden forbidden 400',
	'GET /staff/settings/retention': 'sign-in forbidden forbidden 200',
	'POST /staff/settings/retention?/save': 'sign-in forbidden forbidden 400',
	'GET /staff/setup': '200 200 200 200',
	'POST /staff/setup': '410 410 410 410',
	'GET /staff/stats': 'sign-in 200 200 200',
	'GET /staff/stats/board': 'sign-in 200 200 200',
	'GET /staff/stats/export': 'sign-in 200 200 200',
	'GET /staff/team': 'sign-in forbidden forbidden 200',
	'POST /staff/team?/invite': 'sign-in forbidden forbidden 400',
	'POST /staff/team?/grant': 'sign-in forbidden forbidden 400',
	'POST /staff/team?/removeGrant': 'sign-in forbidden forbidden 400',
	'POST /staff/team?/rotate': 'sign-in forbidden forbidden 400',
	'POST /staff/team?/disable': 'sign-in forbidden forbidden 400',
	'POST /staff/team?/revokeInvite': 'sign-in forbidden forbidden 400',
	'GET /staff/team/[id]': 'sign-in forbidden forbidden 200',
	'POST /staff/team/[id]?/enable': 'sign-in forbidden forbidden 409',
	'POST /staff/team/[id]?/role': 'sign-in forbidden forbidden 400',
	'POST /staff/team/[id]?/team': 'sign-in forbidden forbidden 400',
	'POST /staff/team/[id]?/signOut': 'sign-in forbidden forbidden 200',
	'GET /staff/warnings': 'sign-in forbidden 200 200',
	'GET /staff/warnings/[id]': 'sign-in forbidden 404 404',
	'GET /staff/warnings/new': 'sign-in forbidden 200 200',
};

const SIGN_IN_API = { error: { code: 'unauthenticated', message: 'Sign in first.' } };
const FORBIDDEN_API = { error: { code: 'forbidden', message: 'Your role does not allow this.' } };

let portal: Portal;
const members = new Map<StaffRole, string>();
let reportRef = '';

test.describe.configure({ timeout: 300_000 });
test.beforeAll(async () => {
	portal = await startPortal({ POW_MAX: '10', RATE_LIMIT_FACTOR: '100000' });
	const unit = await installUnitKey(portal.dbPath);
	const { res } = await submitReport(portal.url, unit);
	reportRef = ((await res.json()) as { ref: string }).ref;
	for (const role of ROLES) {
		members.set(role, addMember(portal.dbPath, role));
	}
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
	const isApi = req.id.startsWith('/api/');
	const cookie =
		column === 'anonymous' ? undefined : await sessionCookie(portal.dbPath, members.get(column)!);
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
	if (!isApi && status === 303 && res.headers()['location'] === '/staff/login') {
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

test('the table has a column for anonymous and for every role in the vocabulary', () => {
	expect([...COLUMNS].sort()).toEqual(['anonymous', ...ROLES].sort());
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
			'PUT /api/v1/staff/warnings/[id]'
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
