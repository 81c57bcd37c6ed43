import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { expectNoAxeViolations, screenshotAtWidths } from './support/page-checks';
import { startPortal, type Portal } from './support/portal';
import { Authenticator, count, withDb } from './support/staff';
import { png, reportBody, submit, type TestReport } from './workbench-fixtures';

/**
 * The unit's workbench end to end on one fresh portal: an admin set up in the browser, a reviewer
 * and an analyst invited; three reports naming one phone number three ways; the queue's order and
 * routing; each report opened and checked field by field with its files; linked reports found by
 * blind index; triage, a note and a reply; the reporter reading them with the code; the printable
 * evidence view; a tampered envelope; the analyst refused; and a scan of the database file.
 */
test.describe.configure({ mode: 'serial', timeout: 150_000 });

const ADMIN = { username: 'ada.admin', passphrase: 'lantern quietly orbit walnut meadow' };
const REVIEWER = { username: 'rita.reviewer', passphrase: 'velvet pylon marmalade cactus drift' };
const ANALYST = { username: 'andy.analyst', passphrase: 'copper thistle harbour gravity pickle' };
const SENTINEL = {
	narrative: 'QUOKKA-NARRATIVE-5521',
	rationale: 'QUOKKA-RATIONALE-8812 repeat offender, injuries',
	note: 'QUOKKA-NOTE-3390 spoke to outreach',
	reply: 'QUOKKA-REPLY-4407 are you safe to talk?'
};
const IMAGE = png(24, 16, [200, 30, 60]);
const SVG = Buffer.from(
	'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
);
/** HTML claiming to be a PNG: sniffing the bytes, not the claim, decides. */
const FAKE_PNG = Buffer.from('<html><body><script>alert(1)</script></body></html>');

const envelope = (types: string[], under18: string, area: string) => ({
	v: 1,
	types,
	area,
	month: '2026-11',
	under18,
	reporter: 'self',
	warn: true,
	police: 'intelligence',
	lang: 'en'
});

const REPORTS: TestReport[] = [
	{
		label: 'child',
		envelope: envelope(['physical_assault'], 'unsure', 'gloucester'),
		files: [
			{ name: 'bruise.png', type: 'image/png', bytes: IMAGE },
			{ name: 'map.svg', type: 'image/svg+xml', bytes: SVG },
			{ name: 'screenshot.png', type: 'image/png', bytes: FAKE_PNG }
		],
		body: reportBody({
			narrative: `${SENTINEL.narrative} He grabbed her by the wrist in the car park.`,
			location: 'Car park behind the bus station <b>not bold</b>',
			name: 'Dave',
			phone: '07700 900123',
			files: [
				{ name: 'bruise.png', type: 'image/png', bytes: IMAGE, cleaned: true },
				{ name: 'map.svg', type: 'image/svg+xml', bytes: SVG },
				{ name: 'screenshot.png', type: 'image/png', bytes: FAKE_PNG, cleaned: false }
			],
			under18: true
		})
	},
	{
		label: 'sexual assault',
		envelope: envelope(['sexual_assault'], 'no', 'cheltenham'),
		files: [],
		body: reportBody({
			narrative: 'He would not stop when I said no.',
			location: 'Hotel on the high street',
			name: 'David',
			phone: '+44 7700 900123',
			email: 'Dave.K@Example.com',
			registration: 'ab12 cde',
			files: []
		})
	},
	{
		label: 'robbery',
		envelope: envelope(['robbery'], 'no', 'stroud'),
		files: [],
		body: reportBody({
			narrative: 'Took my phone and cash, then drove off.',
			location: 'Lay-by on the A46',
			name: 'Unknown',
			phone: '7700900123',
			registration: 'AB12CDE',
			files: []
		})
	}
];

let portal: Portal;
const submitted: { ref: string; code: string }[] = [];
const contexts: BrowserContext[] = [];
let admin: Page;
let reviewer: Page;
let adminApp: Authenticator;
const apps = new Map<string, Authenticator>();
const pageErrors: string[] = [];

async function newPage(browser: Browser) {
	const context = await browser.newContext();
	contexts.push(context);
	const page = await context.newPage();
	page.on('pageerror', (e) => pageErrors.push(e.message));
	return page;
}

async function signIn(page: Page, who: { username: string; passphrase: string }) {
	await page.goto(portal.url + '/staff/login');
	// The form derives keys in the browser: it must be hydrated before it is sent.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Username').fill(who.username);
	await page.getByLabel('Passphrase').fill(who.passphrase);
	await page
		.getByLabel('Code from your authenticator app')
		.fill(await apps.get(who.username)!.next());
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(portal.url + '/staff');
}

async function invite(role: 'reviewer' | 'analyst', team: string, who: typeof REVIEWER) {
	await admin.getByRole('navigation').getByRole('link', { name: 'Team' }).click();
	await admin.getByLabel('Role').selectOption(role);
	await admin.getByLabel('Team').selectOption(team);
	await admin.getByRole('button', { name: 'Create invite link' }).click();
	const link = await admin.getByLabel(new RegExp(`Invite link for an? ${role}`)).inputValue();
	const page = await newPage(admin.context().browser()!);
	await page.goto(link);
	const key = (await page.getByLabel(/Enter this key in the app/).inputValue()).replace(/\s+/g, '');
	apps.set(who.username, new Authenticator(key));
	await page.getByLabel('Username').fill(who.username);
	await page.getByLabel('Passphrase', { exact: true }).fill(who.passphrase);
	await page.getByLabel('Type it again').fill(who.passphrase);
	await page.getByLabel('Code from the app').fill(await apps.get(who.username)!.next());
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expect(page.getByRole('heading', { name: 'Your account is ready' })).toBeVisible();
	return page;
}

/** Client-side navigation keeps the keys, which live only in this tab's memory. */
async function openReport(page: Page, ref: string) {
	await page
		.getByRole('navigation', { name: 'Staff' })
		.getByRole('link', { name: 'Queue' })
		.click();
	await page.getByRole('link', { name: ref, exact: true }).click();
	await expect(page.getByRole('heading', { name: `Report ${ref}` })).toBeVisible();
}

const screenshots = (page: Page, name: string) =>
	screenshotAtWidths(page, 'workbench-screens', name, async (_width, path) => {
		await page.screenshot({ path: `${path}-top.png` });
	});

const reportRow = (ref: string) =>
	withDb(
		portal.dbPath,
		(db) => db.prepare('select * from reports where ref = ?').get(ref) as Record<string, unknown>
	);

test.beforeAll(async ({ browser }) => {
	portal = await startPortal({ RATE_LIMIT_FACTOR: '5', POW_MAX: '2000' });
	admin = await newPage(browser);
});

test.afterAll(async () => {
	for (const c of contexts) {
		await c.close();
	}
	await portal?.stop();
});

test('an admin sets up the unit in the browser, invites a reviewer and an analyst', async () => {
	await admin.goto(portal.url + '/staff/setup');
	const key = (await admin.getByLabel(/Enter this key in the app/).inputValue()).replace(
		/\s+/g,
		''
	);
	adminApp = new Authenticator(key);
	apps.set(ADMIN.username, adminApp);
	await admin.getByLabel('Setup code').fill(portal.setupCode!);
	await admin.getByLabel('Username').fill(ADMIN.username);
	await admin.getByLabel('Passphrase', { exact: true }).fill(ADMIN.passphrase);
	await admin.getByLabel('Type it again').fill(ADMIN.passphrase);
	await admin.getByLabel('Code from the app').fill(await adminApp.next());
	await admin.getByRole('button', { name: 'Create the admin account' }).click();
	await expect(admin).toHaveURL(/\/staff\/login/);
	await signIn(admin, ADMIN);

	const reviewerOnboarding = await invite('reviewer', 'RASSO', REVIEWER);
	await reviewerOnboarding.close();
	const analystOnboarding = await invite('analyst', 'Liaison', ANALYST);
	await analystOnboarding.close();

	await admin.getByRole('navigation').getByRole('link', { name: 'Team' }).click();
	const row = admin.getByRole('listitem').filter({ hasText: REVIEWER.username });
	await row.getByLabel(/I have compared this fingerprint/).check();
	await row.getByRole('button', { name: `Grant the unit keyring to ${REVIEWER.username}` }).click();
	await expect(row.getByText('Holds the unit keyring, version 1.')).toBeVisible();
});

test('three reports arrive, sealed as a browser seals them, routed from the envelope', async () => {
	for (const report of REPORTS) {
		submitted.push(await submit(portal.url, report));
	}
	const teams = submitted.map((s) => reportRow(s.ref).team);
	expect(teams).toEqual(['CSE', 'RASSO', 'Liaison']);
	expect(count(portal.dbPath, 'attachments')).toBe(3);
});

test('the reviewer unlocks; the under-18 report is first and every report links to the other two', async ({
	browser
}) => {
	reviewer = await newPage(browser);
	await signIn(reviewer, REVIEWER);
	await expect(
		reviewer.getByText('Keys unlocked in this tab. Unit keyring version 1')
	).toBeVisible();
	// The background pass after unlock indexes the three reports no browser has opened yet.
	await expect(reviewer.getByText('Checked 3 new reports for shared identifiers.')).toBeVisible();
	for (const s of submitted) {
		expect(reportRow(s.ref).links_indexed_at).not.toBeNull();
	}
	expect(count(portal.dbPath, 'audit_events', "action = 'report.links_indexed'")).toBe(3);

	const rows = reviewer.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(4);
	const first = rows.nth(1);
	await expect(first.getByRole('link', { name: submitted[0].ref })).toBeVisible();
	await expect(first).toContainText('Safeguarding');
	await expect(first).toContainText('CSE');
	await expect(rows.filter({ hasText: submitted[1].ref })).toContainText('RASSO');
	await expect(rows.filter({ hasText: submitted[2].ref })).toContainText('Liaison');
	for (let i = 1; i <= 3; i++) {
		await expect(rows.nth(i)).toContainText('2 linked reports');
	}
	await expect(reviewer.getByText('New: 3')).toBeVisible();

	// Filters are a plain GET form.
	await reviewer.getByLabel('Team', { exact: true }).selectOption('RASSO');
	await reviewer.getByRole('button', { name: 'Apply filters' }).click();
	await expect(reviewer).toHaveURL(/team=RASSO/);
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(1)).toContainText(submitted[1].ref);
	await reviewer.getByRole('link', { name: 'Clear' }).click();
	await expect(rows).toHaveCount(4);

	await expectNoAxeViolations(reviewer, 'queue');
	await screenshots(reviewer, 'queue');
});

test('opening each report shows exactly what was sent, its files, and two linked reports', async () => {
	for (const [i, s] of submitted.entries()) {
		const before = count(portal.dbPath, 'audit_events', "action = 'report.opened'");
		await openReport(reviewer, s.ref);
		await expect(
			reviewer.getByRole('status').filter({ hasText: 'Envelope verified' })
		).toBeVisible();
		await expect(reviewer.getByText('Sealed in the reporter’s browser.')).toBeVisible();
		const body = REPORTS[i].body;
		for (const text of [
			body.incident.narrative,
			body.incident.location,
			body.incident.when,
			body.incident.injuries,
			body.offender.name,
			body.offender.appearance,
			body.offender.phones[0],
			body.offender.contact_method,
			...body.offender.emails,
			...body.offender.vehicles.map((v) => v.registration)
		]) {
			await expect(reviewer.getByText(text, { exact: true })).toBeVisible();
		}
		await expect(reviewer.getByText('2 other reports share an identifier')).toBeVisible();
		for (const other of submitted.filter((o) => o !== s)) {
			await expect(
				reviewer
					.getByRole('region', { name: 'Linked reports' })
					.getByRole('link', { name: other.ref })
			).toBeVisible();
		}
		expect(reportRow(s.ref).first_opened_at).not.toBeNull();
		expect(count(portal.dbPath, 'audit_events', "action = 'report.opened'")).toBeGreaterThan(
			before
		);
	}

	// The first report's files: the PNG inline from a blob: URL, the SVG and the HTML that
	// claimed to be a PNG only as downloads.
	await openReport(reviewer, submitted[0].ref);
	const img = reviewer.getByRole('img', { name: 'Picture 1 from the report: bruise.png' });
	await expect(img).toBeVisible();
	expect(await img.getAttribute('src')).toMatch(/^blob:/);
	expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(24);
	// The pixels are the reporter's: a 24×16 block of one colour.
	const pixel = await img.evaluate((el: HTMLImageElement) => {
		const canvas = document.createElement('canvas');
		canvas.width = el.naturalWidth;
		canvas.height = el.naturalHeight;
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(el, 0, 0);
		return [el.naturalHeight, ...ctx.getImageData(5, 5, 1, 1).data];
	});
	expect(pixel).toEqual([16, 200, 30, 60, 255]);
	for (const name of ['map.svg', 'screenshot.png']) {
		const link = reviewer.getByRole('link', { name: `Download ${name}` });
		await expect(link).toHaveAttribute('download', name);
		await expect(link).toHaveAttribute('type', 'application/octet-stream');
		await expect(reviewer.getByRole('img', { name: new RegExp(name) })).toHaveCount(0);
	}
	// A picture the reporter's side could not clean says so; a cleaned one and a document do not.
	const fileItem = (name: string) =>
		reviewer
			.getByRole('list', { name: 'Files sent with the report' })
			.getByRole('listitem')
			.filter({ hasText: name });
	await expect(fileItem('screenshot.png')).toContainText('Not cleaned');
	for (const name of ['bruise.png', 'map.svg']) {
		await expect(fileItem(name)).not.toContainText('Not cleaned');
	}
	const download = reviewer.waitForEvent('download');
	await reviewer.getByRole('link', { name: 'Download map.svg' }).click();
	const saved = readFileSync((await (await download).path())!);
	expect(saved.equals(SVG)).toBe(true);
	// Hostile text stays text.
	await expect(reviewer.getByText('Car park behind the bus station <b>not bold</b>')).toBeVisible();

	await expectNoAxeViolations(reviewer, 'report page');
	await screenshots(reviewer, 'report');
});

test('triage with THRIVE and its rationale, a note and a reply, each sealed in the browser', async () => {
	const { ref } = submitted[1];
	await openReport(reviewer, ref);
	await expect(reviewer.getByRole('status').filter({ hasText: 'Envelope verified' })).toBeVisible();
	const audits = count(portal.dbPath, 'audit_events');

	// Half a THRIVE assessment is refused in the browser; nothing is sent.
	await reviewer.getByLabel('Threat').selectOption('high');
	await reviewer.getByRole('button', { name: 'Save triage' }).click();
	await expect(reviewer.getByRole('alert')).toContainText('Rate all six parts of THRIVE');
	expect(count(portal.dbPath, 'audit_events')).toBe(audits);

	await reviewer.getByLabel('Status', { exact: true }).selectOption('in_review');
	await reviewer.getByLabel('Response grade', { exact: true }).selectOption('2');
	await reviewer
		.getByLabel('Assigned to', { exact: true })
		.selectOption({ label: `${REVIEWER.username} (RASSO)` });
	for (const [part, level] of [
		['Harm', 'high'],
		['Risk', 'medium'],
		['Investigation', 'medium'],
		['Vulnerability', 'high'],
		['Engagement', 'low']
	]) {
		await reviewer.getByLabel(part, { exact: true }).selectOption(level);
	}
	await reviewer.getByLabel('Rationale for THRIVE and the response grade').fill(SENTINEL.rationale);
	await expect(
		reviewer.getByRole('checkbox', {
			name: 'Tell the reporter: “Your report is now being looked at.”'
		})
	).toBeChecked();
	await reviewer.getByRole('button', { name: 'Save triage' }).click();
	await expect(reviewer.getByRole('status').filter({ hasText: 'Triage saved.' })).toBeVisible();
	await expect(reviewer.getByText('THRIVE rationale')).toBeVisible();
	await expect(reviewer.getByText(SENTINEL.rationale)).toBeVisible();

	const row = reportRow(ref);
	expect(row).toMatchObject({ status: 'in_review', grade: 2, queue_rank: 12 });
	expect(JSON.parse(row.thrive_json as string)).toEqual({
		threat: 'high',
		harm: 'high',
		risk: 'medium',
		investigation: 'medium',
		vulnerability: 'high',
		engagement: 'low'
	});
	const triaged = withDb(portal.dbPath, (db) =>
		db.prepare("select detail_json from audit_events where action = 'report.triaged'").get()
	) as { detail_json: string };
	const detail = JSON.parse(triaged.detail_json);
	expect(Object.keys(detail.changed).sort()).toEqual(['assignee_id', 'grade', 'status', 'thrive']);
	expect(detail.changed.status).toBe('in_review');
	expect(triaged.detail_json).not.toContain('QUOKKA');
	expect(count(portal.dbPath, 'notes', "kind = 'thrive'")).toBe(1);
	expect(count(portal.dbPath, 'messages', "direction = 'to_reporter'")).toBe(1);

	await reviewer.getByLabel('New note').fill(SENTINEL.note);
	await reviewer.getByRole('button', { name: 'Save note' }).click();
	await expect(reviewer.getByRole('status').filter({ hasText: 'Note saved.' })).toBeVisible();
	await expect(reviewer.getByText(SENTINEL.note)).toBeVisible();
	expect(count(portal.dbPath, 'audit_events', "action = 'report.note_added'")).toBe(2);

	await reviewer.getByLabel('Reply to the reporter').fill(SENTINEL.reply);
	await reviewer.getByRole('button', { name: 'Send reply' }).click();
	await expect(
		reviewer.getByRole('status').filter({ hasText: 'Message sent to the reporter.' })
	).toBeVisible();
	await expect(reviewer.getByText(SENTINEL.reply)).toBeVisible();
	await expect(reviewer.getByText('Not read by the reporter yet')).toHaveCount(2);

	// Re-routing is audited on its own.
	await reviewer.getByLabel('Team', { exact: true }).selectOption('Exploitation');
	await reviewer.getByRole('button', { name: 'Save triage' }).click();
	await expect(reviewer.getByRole('status').filter({ hasText: 'Triage saved.' })).toBeVisible();
	const rerouted = withDb(portal.dbPath, (db) =>
		db.prepare("select detail_json from audit_events where action = 'report.rerouted'").get()
	) as { detail_json: string };
	expect(JSON.parse(rerouted.detail_json)).toEqual({ ref, from: 'RASSO', to: 'Exploitation' });
});

test('bad triage input gets a clear 4xx and changes nothing', async () => {
	const { ref } = submitted[1];
	const before = { row: reportRow(ref), audits: count(portal.dbPath, 'audit_events') };
	const url = `${portal.url}/api/v1/staff/reports/${ref}/triage`;
	const base = {
		team: 'RASSO',
		status: 'closed',
		outcome: null,
		assignee_id: null,
		grade: null,
		thrive: null,
		rationale: null,
		reporter_message: null
	};
	const cases: [unknown, number, string | undefined][] = [
		[base, 400, 'outcome'],
		[{ ...base, status: 'in_review', outcome: 'charged' }, 400, 'outcome'],
		[{ ...base, status: 'gone' }, 400, 'status'],
		[{ ...base, status: 'new', grade: 7 }, 400, 'grade'],
		[{ ...base, status: 'new', grade: 1 }, 400, 'rationale'],
		[{ ...base, status: 'new', thrive: { threat: 'high' } }, 400, 'thrive.harm'],
		[{ ...base, status: 'new', assignee_id: 'nobody' }, 400, 'assignee_id'],
		[{ ...base, extra: 1 }, 400, 'extra'],
		['not an object', 400, undefined]
	];
	for (const [data, status, field] of cases) {
		const res = await reviewer.request.post(url, {
			headers: { origin: portal.url, 'content-type': 'application/json' },
			data: JSON.stringify(data)
		});
		expect(res.status(), JSON.stringify(data)).toBe(status);
		const body = await res.json();
		expect(body.error.message, JSON.stringify(data)).toEqual(expect.any(String));
		if (field) {
			expect(body.error.field, JSON.stringify(data)).toBe(field);
		}
	}
	const notes = await reviewer.request.post(`${portal.url}/api/v1/staff/reports/${ref}/notes`, {
		headers: { origin: portal.url, 'content-type': 'application/json' },
		data: JSON.stringify({ nonce: 'AAAA', ciphertext: 'x', key_for_unit: '' })
	});
	expect(notes.status()).toBe(400);
	const links = await reviewer.request.post(`${portal.url}/api/v1/staff/reports/${ref}/links`, {
		headers: { origin: portal.url, 'content-type': 'application/json' },
		data: JSON.stringify({ indexes: ['+447700900123'] })
	});
	expect(links.status()).toBe(400);
	const missing = await reviewer.request.get(`${portal.url}/api/v1/staff/reports/SR-0000-0000`);
	expect(missing.status()).toBe(404);
	expect(reportRow(ref)).toEqual(before.row);
	expect(count(portal.dbPath, 'audit_events')).toBe(before.audits);
	expect(portal.output()).not.toContain('unexpected error');
});

test('the reporter, with the code, sees the reply and the new status words', async ({
	browser
}) => {
	const page = await newPage(browser);
	await page.goto(portal.url + '/status');
	await page.getByLabel('Your report code').fill(submitted[1].code);
	await page.getByRole('button', { name: 'Check my report' }).click();
	await expect(page.getByRole('heading', { name: 'Status: Being looked at' })).toBeVisible();
	await expect(page.getByText(SENTINEL.reply)).toBeVisible();
	await expect(page.getByText('Your report is now being looked at.')).toBeVisible();
	expect(count(portal.dbPath, 'messages', 'read_at is null')).toBe(0);

	// The reviewer sees that the reporter has read both messages.
	await openReport(reviewer, submitted[1].ref);
	await expect(reviewer.getByText(/Read by the reporter/)).toHaveCount(2);

	// The reporter answers with a file, which the evidence view must carry too.
	await page.getByLabel('Your message').fill('A photo of his number plate');
	await page.getByLabel('Add files (optional)').setInputFiles({
		name: 'plate-notes.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('silver estate, plate written down')
	});
	await page.getByRole('button', { name: 'Send message' }).click();
	await expect(page.getByText('Your message has been sent.')).toBeVisible();
});

test('the printable evidence view is decrypted in the browser and audited as an export', async () => {
	const { ref } = submitted[1];
	await reviewer.getByRole('link', { name: 'Printable evidence view' }).click();
	await expect(
		reviewer.getByRole('heading', { name: `Evidence record: report ${ref}` })
	).toBeVisible();
	await expect(reviewer.getByRole('status').filter({ hasText: 'Envelope verified' })).toBeVisible();
	await expect(reviewer.getByText(REPORTS[1].body.incident.narrative)).toBeVisible();
	await expect(reviewer.getByText(SENTINEL.note)).toBeVisible();
	// The reporter's message and its file, decrypted as in the case view.
	await expect(reviewer.getByText('A photo of his number plate')).toBeVisible();
	await expect(
		reviewer
			.getByRole('list', { name: 'Files with this message' })
			.getByRole('link', { name: 'Download plate-notes.txt' })
	).toBeVisible();
	await expect(reviewer.getByRole('button', { name: 'Print' })).toBeVisible();
	const exported = withDb(portal.dbPath, (db) =>
		db.prepare("select subject from audit_events where action = 'report.exported'").all()
	);
	expect(exported).toEqual([{ subject: ref }]);
});

test('an envelope altered in the database shows the loud tamper warning', async () => {
	const { ref } = submitted[2];
	withDb(portal.dbPath, (db) =>
		db
			.prepare(
				"update reports set envelope_json = replace(envelope_json, 'stroud', 'gloucester') where ref = ?"
			)
			.run(ref)
	);
	expect(String(reportRow(ref).envelope_json)).toContain('gloucester');
	await openReport(reviewer, ref);
	const alert = reviewer.getByRole('alert');
	await expect(alert).toContainText('Warning: this report has been tampered with');
	await expect(alert).toContainText('does not match what the reporter sealed');
	await expect(reviewer.getByText('Envelope verified')).toHaveCount(0);
	await expect(reviewer.getByText(REPORTS[2].body.incident.narrative)).toHaveCount(0);
});

test('an analyst gets 403 on every report page and ciphertext endpoint', async ({ browser }) => {
	const page = await newPage(browser);
	await signIn(page, ANALYST);
	await expect(page.getByText('Analysts see statistics only.')).toBeVisible();
	await expect(page.getByRole('table')).toHaveCount(0);
	const ref = submitted[0].ref;
	const json = { origin: portal.url, 'content-type': 'application/json' };
	const gets = [
		`/staff/reports/${ref}`,
		`/staff/reports/${ref}/evidence`,
		`/api/v1/staff/reports/${ref}`,
		`/api/v1/staff/reports/${ref}?purpose=evidence`,
		`/api/v1/staff/reports/${ref}/attachments/0`,
		'/api/v1/staff/reports/unindexed'
	];
	for (const path of gets) {
		const res = await page.request.get(portal.url + path, { maxRedirects: 0 });
		expect(res.status(), path).toBe(403);
		expect(await res.text(), path).not.toContain(REPORTS[0].body.incident.narrative);
	}
	for (const path of ['triage', 'notes', 'messages', 'links']) {
		const res = await page.request.post(`${portal.url}/api/v1/staff/reports/${ref}/${path}`, {
			headers: json,
			data: '{}'
		});
		expect(res.status(), path).toBe(403);
		expect((await res.json()).error.code, path).toBe('forbidden');
	}
	await page.goto(`${portal.url}/staff/reports/${ref}`);
	await expect(page.getByText('Your role does not allow this.')).toBeVisible();
});

test('notes, messages and THRIVE rationales are ciphertext in the database file', async () => {
	expect(pageErrors).toEqual([]);
	await portal.stop();
	const files = ['', '-wal'].map((s) => portal.dbPath + s).filter((f) => existsSync(f));
	const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
	expect(bytes.length).toBeGreaterThan(10_000);
	const found = [
		...Object.values(SENTINEL),
		'QUOKKA',
		'7700900123',
		'7700 900123',
		'Dave.K@Example.com'
	].filter((s) => bytes.indexOf(Buffer.from(s)) !== -1);
	expect(found).toEqual([]);
	// The scan works: what the database does hold in the clear is found.
	expect(bytes.indexOf(Buffer.from(submitted[0].ref))).toBeGreaterThan(-1);
	expect(bytes.indexOf(Buffer.from('report.triaged'))).toBeGreaterThan(-1);
});
