import { expect, test, type BrowserContext, type Page, type Request } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import {
	deriveReporterSecrets,
	lookupHashOf,
	normalizeReportCode
} from '../../src/lib/crypto/report-code';
import { getSodium } from '../../src/lib/crypto/sodium';
import { enrolPartnerWorker, signInPartner, unlockIfLocked } from './support/partner';
import { Authenticator, count, withDb } from './support/staff';
import { newStaffPage, signInStaff } from './support/staff-sign-in';
import { startTeamPortal, type TeamPortal } from './support/team';
import { fillReport } from '../support/report-form';

/**
 * A partner organisation end to end (DESIGN §5.8): an admin registers it and invites a worker;
 * the worker makes two reports for people they support, each code kept in the organisation's
 * wallet with a private label; the unit replies to one; the worker sees the unread reply, reads
 * it and answers; the unit reads the answer. The reports are sent as anonymous ones, without a
 * cookie, and the database keeps no code, label or link to the partner.
 */
test.describe.configure({ mode: 'serial' });

const ORG = 'Nelson Trust outreach';
const WORKER = { username: 'outreach.mia', passphrase: 'lantern pebble orchard violet canyon' };
const COLLEAGUE = { username: 'outreach.kit', passphrase: 'saffron glacier tulip ember harbour' };
const LABELS = ['M-QUOKKA-LABEL Tuesday drop-in', 'K-WOMBAT-LABEL outreach van'];
const REPLY = 'Thank you. Can she tell us the car colour? UNIT-REPLY-7781';
const ANSWER = 'It was a silver estate car. PARTNER-ANSWER-5512';

let team: TeamPortal;
const contexts: BrowserContext[] = [];
let admin: Page;
let worker: Page;
let workerApp: Authenticator;
let inviteLink: string;
let colleaguePage: Page;
const codes: string[] = [];
const submissions: Request[] = [];
const lookups: Request[] = [];

test.beforeAll(async ({ browser }) => {
	team = await startTeamPortal({
		admin: 'ada.admin',
		members: [{ username: 'rosa.reviewer', role: 'reviewer', team: 'RASSO' }],
		env: { RATE_LIMIT_FACTOR: '5' }
	});
	admin = await newStaffPage(browser, contexts);
	worker = await newStaffPage(browser, contexts);
	worker.on('request', (req) => {
		const path = new URL(req.url()).pathname;
		if (path === '/api/v1/reports' && req.method() === 'POST') {
			submissions.push(req);
		}
		if (path.startsWith('/api/v1/status') || path === '/api/v1/pow') {
			lookups.push(req);
		}
	});
});

test.afterAll(async () => {
	for (const context of contexts) {
		await context.close();
	}
	await team?.portal.close();
});

const url = (path: string) => team.portal.url + path;

test('an admin registers a partner organisation and invites its first worker, who enrols', async () => {
	await signInStaff(admin, team.portal.url, team.admin, await team.apps.get(team.admin.id)!.next());
	await admin
		.getByRole('navigation', { name: 'Staff' })
		.getByRole('link', { name: 'Partners' })
		.click();
	await admin.getByLabel('Organisation name').fill(ORG);
	await admin.getByLabel('Contact').fill('Sam Jones, 01452 000000');
	await admin.getByRole('button', { name: 'Register organisation' }).click();
	await expect(admin.getByRole('status').filter({ hasText: `${ORG} is registered` })).toBeVisible();
	await admin.getByRole('button', { name: `Invite a worker of ${ORG}` }).click();
	inviteLink = await admin.getByLabel(`Invite link for a worker of ${ORG}`).inputValue();
	expect(inviteLink).toMatch(new RegExp(`^${url('/partner/invite/')}[A-Za-z0-9_-]{43}$`));

	// A partner invite does not open on the staff invite page.
	const staffSide = await worker.goto(inviteLink.replace('/partner/', '/staff/'));
	expect(staffSide?.status()).toBe(200);
	await expect(
		worker.getByRole('heading', { name: 'This invite link cannot be used' })
	).toBeVisible();

	workerApp = await enrolPartnerWorker(worker, inviteLink, WORKER);
	const row = withDb(team.portal.dbPath, (db) =>
		db.prepare('select role, org_id from staff where username = ?').get(WORKER.username)
	) as { role: string; org_id: string | null };
	expect(row.role).toBe('partner');
	expect(row.org_id).not.toBeNull();
	expect(
		count(
			team.portal.dbPath,
			'keyring_grants',
			'staff_id in (select id from staff where role = ?)',
			'partner'
		)
	).toBe(0);
});

test('the worker signs in, and the session cookie is sent only under /partner', async () => {
	await signInPartner(worker, team.portal.url, WORKER, await workerApp.next());
	// The first worker's browser made the wallet: empty, sealed to them.
	await expect(worker.getByText('No reports in the wallet yet.')).toBeVisible();
	const cookies = await worker.context().cookies();
	expect(
		cookies.map((c) => ({ name: c.name, path: c.path, httpOnly: c.httpOnly, sameSite: c.sameSite }))
	).toEqual([{ name: 'sr_partner', path: '/partner', httpOnly: true, sameSite: 'Strict' }]);
});

test('the worker makes two reports: each is sent without a cookie and its code goes into the wallet', async () => {
	for (const label of LABELS) {
		await worker
			.getByRole('navigation', { name: 'Partner' })
			.getByRole('link', { name: 'Make a report' })
			.click();
		// A fresh form, also when the link is followed from the page of the report just sent.
		await expect(worker.getByRole('heading', { name: 'Make a report' })).toBeVisible();
		await worker.getByLabel('Private label').fill(label);
		// The "reporting for someone" step is pre-set to the organisation.
		await expect(
			worker.getByRole('radio', { name: /I am an outreach or support worker/ })
		).toBeChecked();
		await expect(worker.getByLabel('Your organisation')).toHaveValue(ORG);
		await fillReport(worker, { js: true, full: false });
		await worker.getByRole('button', { name: 'Send my report' }).click();
		await expect(worker.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible();
		await expect(
			worker.getByText(`saved in your organisation's wallet as "${label}"`)
		).toBeVisible();
		codes.push(((await worker.locator('#report-code').textContent()) ?? '').replace(/\s+/g, ''));
	}
	expect(codes).toHaveLength(2);
	expect(submissions).toHaveLength(2);
	for (const req of submissions) {
		const headers = await req.allHeaders();
		expect(headers['cookie'], 'a report submission carries no cookie').toBeUndefined();
	}

	await worker
		.getByRole('navigation', { name: 'Partner' })
		.getByRole('link', { name: 'Wallet' })
		.click();
	for (const label of LABELS) {
		await expect(worker.getByRole('button', { name: `Open ${label}` })).toBeVisible();
	}
	await expect(
		worker
			.getByText('Status: Received.')
			.or(worker.getByText(/^Status: /))
			.first()
	).toBeVisible();
	for (const req of lookups) {
		expect((await req.allHeaders())['cookie'], `${req.url()} carries no cookie`).toBeUndefined();
	}
	expect(lookups.some((r) => new URL(r.url()).pathname === '/api/v1/status')).toBe(true);
});

/** The report a code belongs to, found as the server finds it: by the hash of its lookup. */
async function refOf(code: string): Promise<string> {
	const sodium = await getSodium();
	const secrets = deriveReporterSecrets(sodium, normalizeReportCode(code));
	const hash = Buffer.from(lookupHashOf(sodium, secrets.lookup));
	const row = withDb(team.portal.dbPath, (db) =>
		db.prepare('select ref from reports where lookup_hash = ?').get(hash)
	) as { ref: string };
	return row.ref;
}

test('the unit replies to one; the wallet shows it unread; the worker reads it and answers; the unit sees the answer', async ({
	browser
}) => {
	const ref = await refOf(codes[0]);
	const reviewer = await newStaffPage(browser, contexts);
	const rosa = team.members[0];
	await signInStaff(reviewer, team.portal.url, rosa, await team.apps.get(rosa.id)!.next());
	await reviewer.getByRole('link', { name: ref, exact: true }).click();
	await reviewer.getByLabel('Reply to the reporter').fill(REPLY);
	await reviewer.getByRole('button', { name: 'Send reply' }).click();
	await expect(
		reviewer.getByRole('status').filter({ hasText: 'Message sent to the reporter.' })
	).toBeVisible();

	await worker.reload();
	await expect(worker.getByText('Opening the wallet in this browser…')).toHaveCount(0);
	await unlockIfLocked(worker, WORKER.passphrase);
	const first = worker.getByRole('listitem').filter({ hasText: LABELS[0] });
	await expect(first.getByText('1 unread reply')).toBeVisible();
	await expect(
		worker
			.getByRole('listitem')
			.filter({ hasText: LABELS[1] })
			.getByText(/unread/)
	).toHaveCount(0);

	await worker.getByRole('button', { name: `Open ${LABELS[0]}` }).click();
	await expect(worker.getByText(REPLY)).toBeVisible();
	await worker.getByLabel('Your message').fill(ANSWER);
	await worker.getByRole('button', { name: 'Send message' }).click();
	await expect(worker.getByText('Your message has been sent.')).toBeVisible();
	await expect(worker.getByText(ANSWER)).toBeVisible();
	// Read: back in the list, the reply no longer counts as unread (the wallet remembers it).
	await worker.getByRole('button', { name: 'Back to the wallet' }).click();
	await expect(
		worker
			.getByRole('listitem')
			.filter({ hasText: LABELS[0] })
			.getByText(/unread/)
	).toHaveCount(0);

	// A reload forgets the keys this tab held: the reviewer unlocks them again to read.
	await reviewer.reload();
	await reviewer.getByLabel('Passphrase').fill(rosa.passphrase);
	await reviewer.getByRole('button', { name: 'Unlock' }).click();
	await expect(reviewer.getByText(ANSWER)).toBeVisible();
	for (const req of lookups) {
		expect((await req.allHeaders())['cookie'], `${req.url()} carries no cookie`).toBeUndefined();
	}
});

test('a colleague joins by the worker’s invite, is given the key, and sees the same wallet', async ({
	browser
}) => {
	await worker.getByRole('button', { name: 'Invite a colleague' }).click();
	const link = await worker.getByLabel('Invite link for a colleague').inputValue();
	const colleague = await newStaffPage(browser, contexts);
	colleaguePage = colleague;
	const app = await enrolPartnerWorker(colleague, link, COLLEAGUE);
	await signInPartner(colleague, team.portal.url, COLLEAGUE, await app.next());
	await expect(
		colleague.getByText("You do not hold your organisation's wallet key yet.")
	).toBeVisible();

	await worker.reload();
	await unlockIfLocked(worker, WORKER.passphrase);
	await worker.getByRole('button', { name: `Give ${COLLEAGUE.username} the wallet key` }).click();
	await expect(worker.getByText(`${COLLEAGUE.username} now holds the wallet key.`)).toBeVisible();

	await colleague.reload();
	await colleague.getByLabel('Passphrase').fill(COLLEAGUE.passphrase);
	await colleague.getByRole('button', { name: 'Unlock' }).click();
	for (const label of LABELS) {
		await expect(colleague.getByRole('button', { name: `Open ${label}` })).toBeVisible();
	}
});

test('a signed-in worker reads the warnings and checks a number without the bulletin passphrase', async () => {
	await worker
		.getByRole('navigation', { name: 'Partner' })
		.getByRole('link', { name: 'Warnings' })
		.click();
	await expect(
		worker.getByRole('heading', { name: 'Warnings about dangerous people' })
	).toBeVisible();
	await expect(worker.getByLabel('Bulletin passphrase')).toHaveCount(0);
	await worker.getByLabel('Phone number, e-mail, online name or number plate').fill('07700 900123');
	await worker.getByRole('button', { name: 'Check', exact: true }).click();
	await expect(worker.getByRole('status').filter({ hasText: 'No warning mentions' })).toBeVisible();
});

test('when a colleague leaves, their session ends and the wallet gets a new key for those who stay', async () => {
	await worker
		.getByRole('navigation', { name: 'Partner' })
		.getByRole('link', { name: 'Wallet' })
		.click();
	// The bulletin's check is a plain form post: this tab's keys were forgotten with the page.
	await unlockIfLocked(worker, WORKER.passphrase);
	await worker.getByRole('button', { name: `${COLLEAGUE.username} has left` }).click();
	await expect(worker.getByText(`${COLLEAGUE.username} is disabled and signed out.`)).toBeVisible();
	await expect(worker.getByText('the wallet now has a new key')).toBeVisible();
	for (const label of LABELS) {
		await expect(worker.getByRole('button', { name: `Open ${label}` })).toBeVisible();
	}
	const grants = withDb(team.portal.dbPath, (db) =>
		db
			.prepare(
				'select s.username, g.key_version from wallet_key_grants g join staff s on s.id = g.staff_id'
			)
			.all()
	);
	expect(grants).toEqual([{ username: WORKER.username, key_version: 2 }]);
	expect(count(team.portal.dbPath, 'partner_wallets', 'key_version = 2 and rotation_due = 0')).toBe(
		1
	);
	// The colleague's session is over: their next request is sent to sign in.
	const res = await colleaguePage.request.get(url('/partner/api/wallet'));
	expect(res.status()).toBe(401);
});

test('partner pages refuse anonymous visitors and unit staff', async ({ request }) => {
	for (const path of ['/partner', '/partner/report', '/partner/warnings']) {
		const anon = await request.get(url(path), { maxRedirects: 0 });
		expect(anon.status(), path).toBe(303);
		expect(anon.headers()['location'], path).toBe('/partner/login');
		// A staff member's browser sends its staff cookie here too: it is not a partner session.
		const staff = await admin.request.get(url(path), { maxRedirects: 0 });
		expect(staff.status(), `staff: ${path}`).toBe(303);
	}
	const api = await request.get(url('/partner/api/wallet'));
	expect(api.status()).toBe(401);
	expect(await api.json()).toEqual({
		error: { code: 'unauthenticated', message: 'Sign in first.' }
	});
	const staffApi = await admin.request.get(url('/partner/api/wallet'));
	expect(staffApi.status()).toBe(401);
	const about = await request.get(url('/partner/about'));
	expect(about.status()).toBe(200);
	expect(await about.text()).toContain('What each side can see');
});

test('the database keeps no code, label or link between the reports and the partner', async () => {
	// The report rows: nothing about the worker, the organisation or a session.
	const org = withDb(team.portal.dbPath, (db) =>
		db.prepare('select id from partner_orgs').get()
	) as { id: string };
	const workerIds = withDb(team.portal.dbPath, (db) =>
		(db.prepare("select id from staff where role = 'partner'").all() as { id: string }[]).map(
			(r) => r.id
		)
	);
	const reports = withDb(team.portal.dbPath, (db) =>
		db.prepare('select * from reports').all()
	) as Record<string, unknown>[];
	expect(reports).toHaveLength(2);
	for (const report of reports) {
		const text = JSON.stringify(report, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
		for (const id of [org.id, ...workerIds, WORKER.username]) {
			expect(text).not.toContain(id);
		}
		expect(report['assignee_id']).toBeNull();
	}

	await team.portal.stop();
	const files = ['', '-wal'].map((s) => team.portal.dbPath + s).filter((f) => existsSync(f));
	const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
	const sodium = await getSodium();
	const sentinels: [string, Buffer][] = [
		...LABELS.map((l): [string, Buffer] => ['label', Buffer.from(l)]),
		['label word', Buffer.from('QUOKKA-LABEL')],
		...codes.flatMap((c): [string, Buffer][] => [
			['code', Buffer.from(c)],
			['normalised code', Buffer.from(normalizeReportCode(c))],
			['lookup', Buffer.from(deriveReporterSecrets(sodium, normalizeReportCode(c)).lookup)]
		]),
		['reply', Buffer.from('UNIT-REPLY-7781')],
		['answer', Buffer.from('PARTNER-ANSWER-5512')]
	];
	const found = sentinels.filter(([, s]) => bytes.indexOf(s) !== -1).map(([what]) => what);
	expect(found).toEqual([]);
	// The scan works: what the database does hold is found.
	expect(bytes.indexOf(Buffer.from(ORG))).toBeGreaterThan(-1);
	// And the report rows' references are not in the wallet's row in the clear either.
	const refs = reports.map((r) => String(r['ref']));
	const wallet = withDb(team.portal.dbPath, (db) =>
		db.prepare('select ciphertext from partner_wallets').get()
	) as { ciphertext: Buffer };
	for (const ref of refs) {
		expect(wallet.ciphertext.indexOf(Buffer.from(ref))).toBe(-1);
	}
});
