import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { recordHash } from '../../src/lib/crypto/signed-record';
import { getSodium } from '../../src/lib/crypto/sodium';
import { seedSyntheticReports } from '../../src/lib/server/demo/seed';
import { type MadeMember } from '../../src/lib/server/demo/staff';
import {
	expectNoAxeViolations,
	expectNoSidewaysOverflow,
	screenshotAtWidths
} from './support/page-checks';
import { type Portal } from './support/portal';
import { Authenticator, count, lastAudit, withDb } from './support/staff';
import { newStaffPage, signInStaff } from './support/staff-sign-in';
import { startTeamPortal } from './support/team';

/**
 * A deviation record acknowledged by the line manager it names, in two browsers: the signer
 * records it, the line manager finds it on their home page and countersigns it with their own key,
 * and the signer sees it acknowledged. Only the named line manager may countersign, once; a
 * countersignature changed in the database is caught by the pages and by `npm run audit:verify`.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const run = promisify(execFile);
let portal: Portal;
let manager: MadeMember;
let signer: MadeMember;
let bystander: MadeMember;
let ref: string;
let deviationId: string;
let apps: Map<string, Authenticator>;
const contexts: BrowserContext[] = [];
let signerPage: Page;
let managerPage: Page;
const RATIONALE =
	'Gave the reporter a lift to the sexual assault referral centre myself, outside procedure, because no marked car was free and she would not wait. Told my sergeant by phone at 02:15.';
const COMMENT = 'Right call on the night. Book a car in advance for the next SARC visit.';

const auditVerify = () =>
	run('npm', ['run', '--silent', 'audit:verify'], {
		env: { ...process.env, DATABASE_URL: portal.dbPath }
	}).then(
		(r) => ({ code: 0, out: r.stdout + r.stderr }),
		(e: { code: number; stdout: string; stderr: string }) => ({
			code: e.code,
			out: e.stdout + e.stderr
		})
	);

/** Each member signs in in a browser context of their own, as on two machines. */
async function signIn(browser: Browser, who: MadeMember): Promise<Page> {
	const page = await newStaffPage(browser, contexts);
	await signInStaff(page, portal.url, who, await apps.get(who.id)!.next());
	return page;
}

const screenshots = (page: Page, name: string) =>
	screenshotAtWidths(page, 'countersign-screens', name, (width) =>
		expectNoSidewaysOverflow(page, width, `${name} at ${width} px`)
	);

/** What the countersigning form posts, for requests made outside the page. */
async function countersignForm(staffId: string, signature: Uint8Array) {
	const recordJson = withDb(
		portal.dbPath,
		(db) =>
			(
				db.prepare('select record_json from deviations where id = ?').get(deviationId) as {
					record_json: string;
				}
			).record_json
	);
	const body = {
		v: 1,
		kind: 'deviation_countersignature',
		deviation_id: deviationId,
		record_hash: recordHash(await getSodium(), recordJson),
		staff_id: staffId,
		at: new Date().toISOString(),
		comment: ''
	};
	return { body: JSON.stringify(body), signature: toBase64url(signature) };
}

test.beforeAll(async () => {
	const team = await startTeamPortal({
		env: { RATE_LIMIT_FACTOR: '5' },
		admin: 'sam.sergeant',
		members: [
			{ username: 'rita.reviewer', role: 'reviewer', team: 'RASSO' },
			{ username: 'olly.officer', role: 'reviewer', team: 'RASSO' }
		],
		seed: async (db) => {
			ref = (await seedSyntheticReports(db, 1)).refs[0];
		}
	});
	({ portal, admin: manager, apps } = team);
	[signer, bystander] = team.members;
});

test.afterAll(async () => {
	for (const context of contexts) {
		await context.close();
	}
	await portal?.close();
});

test('the signer records a deviation naming their line manager', async ({ browser }) => {
	signerPage = await signIn(browser, signer);
	const page = signerPage;
	await page.getByRole('navigation').getByRole('link', { name: 'Policy deviations' }).click();
	await page.getByRole('link', { name: 'Record a deviation' }).click();
	await page.getByLabel('Report reference (optional)').fill(ref);
	await page.getByLabel('Why was it necessary to step outside policy?').fill(RATIONALE);

	// Two members could be the line manager, so one must be chosen; the signer is not offered.
	const choice = page.getByLabel('Your line manager');
	await expect(choice.getByRole('option')).toHaveText([
		'Choose a member',
		'olly.officer (RASSO team)',
		'sam.sergeant (RASSO team)'
	]);
	await page.getByRole('button', { name: 'Sign and store this record' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose your line manager');
	expect(count(portal.dbPath, 'deviations')).toBe(0);
	await expectNoAxeViolations(page, '/staff/deviations/new with an error');
	await screenshots(page, 'deviation-new');

	await choice.selectOption(manager.id);
	await page.getByRole('button', { name: 'Sign and store this record' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'signed, dated and stored' })
	).toBeVisible();
	const item = page.getByRole('listitem').filter({ hasText: 'referral centre' });
	await expect(item).toContainText('Signature verified');
	await expect(item).toContainText('Waiting for sam.sergeant to acknowledge');

	const stored = withDb(
		portal.dbPath,
		(db) =>
			db.prepare('select id, record_json, line_manager_id from deviations').get() as {
				id: string;
				record_json: string;
				line_manager_id: string;
			}
	);
	deviationId = stored.id;
	expect(stored.line_manager_id).toBe(manager.id);
	// The line manager is part of what the signer signed.
	expect(JSON.parse(stored.record_json)).toMatchObject({ v: 2, line_manager_id: manager.id });
});

test('nobody but the line manager may countersign, and a wrong signature changes nothing', async ({
	browser
}) => {
	const before = () => ({
		acks: count(portal.dbPath, 'deviation_countersignatures'),
		audit: count(portal.dbPath, 'audit_events')
	});
	// Signing in is audited too; count from after it.
	const other = await signIn(browser, bystander);
	managerPage = await signIn(browser, manager);
	const start = before();
	// The bystander can read the record but is offered no way to sign it…
	await other.goto(`${portal.url}/staff/deviations/${deviationId}`);
	await expect(other.getByText(RATIONALE)).toBeVisible();
	await expect(other.getByRole('button', { name: 'Countersign this record' })).toHaveCount(0);
	// …and a countersignature posted anyway, even well signed by their own key, is refused.
	const post = (page: Page, form: Record<string, string>) =>
		page.request.post(`${portal.url}/staff/deviations/${deviationId}`, {
			// As a browser without JavaScript posts it, so the answer's status is the refusal's.
			headers: { origin: portal.url, accept: 'text/html' },
			form
		});
	const refused = await post(
		other,
		await countersignForm(bystander.id, new Uint8Array(randomBytes(64)))
	);
	expect(refused.status()).toBe(403);
	// The signer cannot acknowledge their own record either.
	expect(
		(
			await post(signerPage, await countersignForm(signer.id, new Uint8Array(randomBytes(64))))
		).status()
	).toBe(403);

	const forged = await post(
		managerPage,
		await countersignForm(manager.id, new Uint8Array(randomBytes(64)))
	);
	expect(forged.status()).toBe(400);
	expect(await forged.text()).toContain('does not match your key');
	expect(before()).toEqual(start);
	expect(portal.output()).not.toContain('unexpected error');
});

test('the line manager sees it at home and countersigns it; the signer sees it acknowledged', async () => {
	const page = managerPage;
	await page.goto(`${portal.url}/staff`);
	await page.getByLabel('Passphrase').fill(manager.passphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByText('Keys unlocked in this tab.')).toBeVisible();
	const waiting = page.getByRole('region', { name: 'Policy deviations to acknowledge: 1' });
	await expect(waiting).toBeVisible();
	await expectNoAxeViolations(page, '/staff with a record to acknowledge');
	await screenshots(page, 'home-awaiting');

	await waiting.getByRole('link', { name: /Record by rita\.reviewer/ }).click();
	await expect(page.getByRole('heading', { name: 'Policy deviation record' })).toBeVisible();
	await expect(page.getByText(RATIONALE)).toBeVisible();
	await expect(page.getByText('Waiting for sam.sergeant to acknowledge')).toBeVisible();
	await page.getByLabel('Comment (optional)').fill(COMMENT);
	await expectNoAxeViolations(page, '/staff/deviations/[id] before countersigning');
	await screenshots(page, 'record-to-countersign');

	await page.getByRole('button', { name: 'Countersign this record' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'You acknowledged' })).toBeVisible();
	await expect(page.getByText(/Acknowledged by sam\.sergeant on \d+ \w+ \d{4}/)).toBeVisible();
	await expect(page.getByText(`Comment from sam.sergeant: ${COMMENT}`)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Countersign this record' })).toHaveCount(0);
	await expectNoAxeViolations(page, '/staff/deviations/[id] acknowledged');
	await screenshots(page, 'record-acknowledged');

	const audit = lastAudit(portal.dbPath);
	expect(audit).toMatchObject({ action: 'deviation.countersign', subject: ref });
	expect(JSON.parse(audit.detail_json)).toEqual({ deviation_id: deviationId });
	expect(audit.detail_json).not.toContain('SARC');

	// Nothing is left waiting on the home page.
	await page.getByRole('link', { name: 'Queue' }).click();
	await expect(page.getByRole('heading', { name: 'Queue' })).toBeVisible();
	await expect(page.getByRole('region', { name: /Policy deviations to acknowledge/ })).toHaveCount(
		0
	);

	// The signer, in the other browser, sees it acknowledged.
	await signerPage.goto(`${portal.url}/staff/deviations`);
	const item = signerPage.getByRole('listitem').filter({ hasText: 'referral centre' });
	await expect(item).toContainText(/Acknowledged by sam\.sergeant on \d+ \w+ \d{4}/);
	await expect(item).not.toContainText('Waiting');
	await expectNoAxeViolations(signerPage, '/staff/deviations acknowledged');
	await screenshots(signerPage, 'deviations-acknowledged');

	// The audit page says the same beside the record's events.
	await page.goto(`${portal.url}/staff/audit?action=deviation.countersign`);
	await expect(page.getByText('Line managers’ acknowledgements: 1 of 1 verified.')).toBeVisible();
	await expect(
		page.getByRole('region', { name: 'Events' }).getByRole('listitem').first()
	).toContainText(/Acknowledged by sam\.sergeant on/);

	// Once only: a second countersignature is refused.
	const again = await page.request.post(`${portal.url}/staff/deviations/${deviationId}`, {
		headers: { origin: portal.url, accept: 'text/html' },
		form: await countersignForm(manager.id, new Uint8Array(randomBytes(64)))
	});
	expect(again.status()).toBe(409);
	expect(count(portal.dbPath, 'deviation_countersignatures')).toBe(1);
	const verified = await auditVerify();
	expect(verified.out).toContain('OK 1 countersignatures');
	expect(verified.code).toBe(0);
});

test('a countersignature changed in SQL is flagged on the pages and by audit:verify', async () => {
	const original = withDb(
		portal.dbPath,
		(db) =>
			(
				db.prepare('select signature from deviation_countersignatures').get() as {
					signature: Buffer;
				}
			).signature
	);
	const flipped = Buffer.from(original);
	flipped[7] ^= 0x01;
	withDb(portal.dbPath, (db) =>
		db.prepare('update deviation_countersignatures set signature = ?').run(flipped)
	);

	const result = await auditVerify();
	expect(result.out).toContain(
		`BAD COUNTERSIGNATURE on the acknowledgement of deviation record ${deviationId}`
	);
	expect(result.code).toBe(1);

	await signerPage.goto(`${portal.url}/staff/deviations`);
	const item = signerPage.getByRole('listitem').filter({ hasText: 'referral centre' });
	await expect(item.getByRole('alert')).toContainText(
		'Acknowledgement by sam.sergeant fails its signature check'
	);
	await expect(item).toContainText('Signature verified');
	await screenshots(signerPage, 'deviations-tampered');

	await managerPage.goto(`${portal.url}/staff/audit`);
	await expect(
		managerPage.getByRole('alert').filter({ hasText: '1 acknowledgement fails verification' })
	).toContainText(deviationId);
	await expectNoAxeViolations(managerPage, '/staff/audit with a tampered acknowledgement');
	await screenshots(managerPage, 'audit-tampered');

	withDb(portal.dbPath, (db) =>
		db.prepare('update deviation_countersignatures set signature = ?').run(original)
	);
	expect((await auditVerify()).code).toBe(0);

	// Deleted outright, the record would read "waiting" again; the audit log still knows better.
	const row = withDb(portal.dbPath, (db) =>
		db.prepare('select * from deviation_countersignatures').get()
	) as Record<string, unknown>;
	withDb(portal.dbPath, (db) => db.prepare('delete from deviation_countersignatures').run());
	const deleted = await auditVerify();
	expect(deleted.out).toContain(`MISSING COUNTERSIGNATURE on deviation record ${deviationId}`);
	expect(deleted.code).toBe(1);
	await managerPage.goto(`${portal.url}/staff/audit`);
	await expect(
		managerPage.getByRole('alert').filter({ hasText: '1 acknowledgement fails verification' })
	).toContainText('removed from the database');
	withDb(portal.dbPath, (db) =>
		db
			.prepare(
				'insert into deviation_countersignatures (deviation_id, staff_id, at, body_json, signature) values (@deviation_id, @staff_id, @at, @body_json, @signature)'
			)
			.run(row)
	);
	expect((await auditVerify()).code).toBe(0);
});
