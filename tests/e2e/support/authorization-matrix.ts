import { PARTNER_ROLE, ROLES, type MemberRole } from '../../../src/lib/report/vocabulary';

/**
 * Who may do what, as one table: every route and method the route tree on disk answers (page
 * loads, form actions, endpoint methods) × anonymous, every staff role and a partner worker, with
 * the answer each must get. A route added later, or a role added to the vocabulary, fails this
 * test until its row or column is written here. The partner worker's session goes under the
 * partner cookie on /partner routes (where their browser sends it) and, by hand, under the staff
 * cookie everywhere else (their browser sends nothing there: that is the anonymous column). Cells:
 *   sign-in    pages: 303 to the area's login (/staff/login, /partner/login);
 *              API: 401 { error: { code: 'unauthenticated' } }
 *   forbidden  pages: 403 with the role message; API: 403 { error: { code: 'forbidden' } }
 *   <status>   the role passed the check: this exact status for a probe request (a form or JSON
 *              body of one unknown field), and on the API every 4xx in the error shape.
 * Probes carry no valid input, so the table proves who gets past the guard without changing state.
 */
export type Column = 'anonymous' | MemberRole;
export const COLUMNS: readonly Column[] = ['anonymous', ...ROLES, PARTNER_ROLE];

// prettier-ignore
export const MATRIX: Record<string, string> = {
	// Columns: anonymous reviewer analyst admin partner (COLUMNS).
	// Public pages and forms: a staff or partner session changes nothing there.
	'GET /': '200 200 200 200 200',
	'GET /privacy': '200 200 200 200 200',
	'GET /report': '200 200 200 200 200',
	'POST /report': '400 400 400 400 400',
	'GET /status': '200 200 200 200 200',
	'POST /status?/check': '400 400 400 400 400',
	'POST /status?/reply': '400 400 400 400 400',
	'POST /status?/consent': '400 400 400 400 400',
	'POST /status?/withdraw': '400 400 400 400 400',
	'GET /warnings': '200 200 200 200 200',
	'POST /warnings?/open': '400 400 400 400 400',
	'POST /warnings?/filter': '401 401 401 401 401',
	'POST /warnings?/check': '401 401 401 401 401',
	'POST /warnings?/signout': '303 303 303 303 303',
	// Partner pages and their JSON API: a partner worker's alone. A unit staff cookie is no partner
	// session, so staff are sent to the partner sign-in like anyone else. Workers invite colleagues
	// (the invite action takes no input). Sign-in, joining by invite and the explanation are open.
	'GET /partner': 'sign-in sign-in sign-in sign-in 200',
	'POST /partner?/invite': 'sign-in sign-in sign-in sign-in 200',
	'POST /partner?/disableColleague': 'sign-in sign-in sign-in sign-in 400',
	'GET /partner/about': '200 200 200 200 200',
	'GET /partner/api/me/keys': 'sign-in sign-in sign-in sign-in 200',
	'GET /partner/api/wallet': 'sign-in sign-in sign-in sign-in 200',
	'POST /partner/api/wallet': 'sign-in sign-in sign-in sign-in 400',
	'PUT /partner/api/wallet': 'sign-in sign-in sign-in sign-in 400',
	'POST /partner/api/wallet/grants': 'sign-in sign-in sign-in sign-in 400',
	'POST /partner/api/wallet/rotate': 'sign-in sign-in sign-in sign-in 400',
	'GET /partner/invite/[token]': '200 200 200 200 200',
	'POST /partner/invite/[token]': '400 400 400 400 400',
	'GET /partner/login': '200 200 200 200 303',
	'POST /partner/login': '400 400 400 400 303',
	'POST /partner/logout': 'sign-in sign-in sign-in sign-in 303',
	'GET /partner/report': 'sign-in sign-in sign-in sign-in 200',
	'GET /partner/warnings': 'sign-in sign-in sign-in sign-in 200',
	'POST /partner/warnings?/filter': 'sign-in sign-in sign-in sign-in 200',
	'POST /partner/warnings?/check': 'sign-in sign-in sign-in sign-in 400',
	// The public JSON API: no session needed, none used.
	'GET /api/v1/pow': '200 200 200 200 200',
	'POST /api/v1/reports': '415 415 415 415 415',
	// The staff JSON API: report content for reviewers and admins; an analyst only their own keys.
	'POST /api/v1/staff/deviations': 'sign-in 400 forbidden 400 forbidden',
	'GET /api/v1/staff/me/keys': 'sign-in 200 200 200 forbidden',
	'GET /api/v1/staff/reports/[ref]': 'sign-in 200 forbidden 200 forbidden',
	'GET /api/v1/staff/reports/[ref]/attachments/[idx]': 'sign-in 404 forbidden 404 forbidden',
	'POST /api/v1/staff/reports/[ref]/links': 'sign-in 400 forbidden 400 forbidden',
	'POST /api/v1/staff/reports/[ref]/messages': 'sign-in 400 forbidden 400 forbidden',
	'POST /api/v1/staff/reports/[ref]/notes': 'sign-in 400 forbidden 400 forbidden',
	'POST /api/v1/staff/reports/[ref]/triage': 'sign-in 400 forbidden 400 forbidden',
	'GET /api/v1/staff/reports/unindexed': 'sign-in 200 forbidden 200 forbidden',
	'POST /api/v1/staff/warnings': 'sign-in 400 forbidden 400 forbidden',
	'PUT /api/v1/staff/warnings/[id]': 'sign-in 404 forbidden 404 forbidden',
	'POST /api/v1/staff/warnings/[id]/publish': 'sign-in 404 forbidden 404 forbidden',
	'POST /api/v1/staff/warnings/[id]/retract': 'sign-in 404 forbidden 404 forbidden',
	'POST /api/v1/status': '400 400 400 400 400',
	'POST /api/v1/status/consent': '400 400 400 400 400',
	'POST /api/v1/status/messages': '415 415 415 415 415',
	'POST /api/v1/status/withdraw': '400 400 400 400 400',
	'GET /api/v1/unit-key': '200 200 200 200 200',
	'GET /api/v1/warnings/feed.atom': '404 404 404 404 404',
	'GET /api/v1/warnings/feed.json': '404 404 404 404 404',
	// Staff pages: an analyst gets home, their passphrase and statistics; settings, team, keys,
	// partners and audit are the admin's. Login, setup and invites are reachable without a session
	// on purpose. A partner worker's session is refused on every staff page and staff API, those
	// public ones included: it is never a staff session.
	'GET /staff': 'sign-in 200 200 200 forbidden',
	'GET /staff/audit': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/audit?/checkpoint': 'sign-in forbidden forbidden 400 forbidden',
	'GET /staff/deviations': 'sign-in 200 forbidden 200 forbidden',
	'GET /staff/deviations/[id]': 'sign-in 404 forbidden 404 forbidden',
	'POST /staff/deviations/[id]': 'sign-in 404 forbidden 404 forbidden',
	'GET /staff/deviations/new': 'sign-in 200 forbidden 200 forbidden',
	'POST /staff/deviations/new': 'sign-in 400 forbidden 400 forbidden',
	'GET /staff/invite/[token]': '200 200 200 200 forbidden',
	'POST /staff/invite/[token]': '400 400 400 400 forbidden',
	'GET /staff/kdf-worker.js': '404 404 404 404 forbidden',
	'GET /staff/keys': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/keys?/importKit': 'sign-in forbidden forbidden 400 forbidden',
	'GET /staff/keys/kit': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/keys/kit?/exported': 'sign-in forbidden forbidden 400 forbidden',
	'GET /staff/login': '200 303 303 303 forbidden',
	'POST /staff/login': '400 303 303 303 forbidden',
	'POST /staff/login/salt': '415 415 415 415 forbidden',
	'POST /staff/logout': 'sign-in 303 303 303 forbidden',
	'GET /staff/partners': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/partners?/register': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/partners?/invite': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/partners?/disableWorker': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/partners?/disableOrg': 'sign-in forbidden forbidden 400 forbidden',
	'GET /staff/passphrase': 'sign-in 200 200 200 forbidden',
	'POST /staff/passphrase': 'sign-in 400 400 400 forbidden',
	'GET /staff/reports/[ref]': 'sign-in 200 forbidden 200 forbidden',
	'POST /staff/reports/[ref]?/mash': 'sign-in 409 forbidden 409 forbidden',
	'GET /staff/reports/[ref]/evidence': 'sign-in 200 forbidden 200 forbidden',
	'GET /staff/settings': 'sign-in forbidden forbidden 200 forbidden',
	'GET /staff/settings/alerts': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/settings/alerts?/save': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/settings/alerts?/dismiss': 'sign-in forbidden forbidden 200 forbidden',
	'GET /staff/settings/areas': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/settings/areas?/add': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/settings/areas?/rename': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/settings/areas?/retire': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/settings/areas?/restore': 'sign-in forbidden forbidden 400 forbidden',
	'GET /staff/settings/bulletin': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/settings/bulletin?/passphrase': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/settings/bulletin?/createKey': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/settings/bulletin?/revokeKey': 'sign-in forbidden forbidden 400 forbidden',
	'GET /staff/settings/contacts': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/settings/contacts?/add': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/settings/contacts?/update': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/settings/contacts?/remove': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/settings/contacts?/up': 'sign-in forbidden forbidden 400 forbidden',
	'GET /staff/settings/portal': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/settings/portal': 'sign-in forbidden forbidden 400 forbidden',
	'GET /staff/settings/retention': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/settings/retention?/save': 'sign-in forbidden forbidden 400 forbidden',
	'GET /staff/setup': '200 200 200 200 forbidden',
	'POST /staff/setup': '410 410 410 410 forbidden',
	'GET /staff/stats': 'sign-in 200 200 200 forbidden',
	'GET /staff/stats/board': 'sign-in 200 200 200 forbidden',
	'GET /staff/stats/export': 'sign-in 200 200 200 forbidden',
	'GET /staff/team': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/team?/invite': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/team?/grant': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/team?/removeGrant': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/team?/rotate': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/team?/disable': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/team?/revokeInvite': 'sign-in forbidden forbidden 400 forbidden',
	'GET /staff/team/[id]': 'sign-in forbidden forbidden 200 forbidden',
	'POST /staff/team/[id]?/enable': 'sign-in forbidden forbidden 409 forbidden',
	'POST /staff/team/[id]?/role': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/team/[id]?/team': 'sign-in forbidden forbidden 400 forbidden',
	'POST /staff/team/[id]?/signOut': 'sign-in forbidden forbidden 200 forbidden',
	'GET /staff/warnings': 'sign-in 200 forbidden 200 forbidden',
	'GET /staff/warnings/[id]': 'sign-in 404 forbidden 404 forbidden',
	'GET /staff/warnings/new': 'sign-in 200 forbidden 200 forbidden',
};
