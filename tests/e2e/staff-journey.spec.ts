import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync, existsSync } from 'node:fs';
import sodiumModule from 'libsodium-wrappers-sumo';
import { fromBase64url, toBase64url, utf8 } from '../../src/lib/crypto/encoding';
import { openKeyring } from '../../src/lib/crypto/keyring';
import { derivePassphraseKeys, unwrapStaffSecrets } from '../../src/lib/crypto/staff-keys';
import { expectNoAxeViolations, screenshotAtWidths } from './support/page-checks';
import { startPortal, type Portal } from './support/portal';
import { addKeyHolder, Authenticator, count, lastAudit, withDb } from './support/staff';
import { reportBody, submit } from './workbench-fixtures';

const PROBE_ENVELOPE = {
	v: 1,
	types: ['robbery'],
	area: 'stroud',
	month: '2026-11',
	under18: 'no',
	reporter: 'self',
	warn: false,
	police: 'intelligence',
	lang: 'en'
};

/**
 * The whole staff identity journey on one fresh portal, in order: setup, login, invite,
 * onboarding, grant, the member opening a value sealed to the unit key, passphrase change,
 * disabling, and finally a scan of the database file for every secret used on the way.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const ADMIN = {
	username: 'ada.admin',
	passphrase: 'lantern quietly orbit walnut meadow',
	newPassphrase: 'copper thistle harbour gravity pickle'
};
const MEMBER = { username: 'rowan', passphrase: 'velvet pylon marmalade cactus drift' };

let portal: Portal;
let adminApp: Authenticator;
let memberApp: Authenticator;
let adminContext: BrowserContext;
let admin: Page;
let memberContext: BrowserContext;
let member: Page;
let inviteLink: string;
let memberFingerprint: string;
/** Everything the database must never contain, gathered along the way. */
const secrets: { label: string; bytes: Uint8Array }[] = [];
const keep = (label: string, bytes: Uint8Array | string) =>
	secrets.push({ label, bytes: typeof bytes === 'string' ? utf8(bytes) : bytes });

const auditCount = () => count(portal.dbPath, 'audit_events');
interface StaffRow {
	id: string;
	kdf_salt: Buffer;
	kdf_ops: number;
	kdf_mem: number;
	secret_box: Buffer;
	secret_nonce: Buffer;
	totp_last_step: number;
}
const staffRow = (username: string) =>
	withDb(
		portal.dbPath,
		(db) => db.prepare('select * from staff where username = ?').get(username) as StaffRow
	);

async function newPage(browser: Browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	page.on('pageerror', (e) => {
		throw e;
	});
	return { context, page };
}

async function signIn(page: Page, username: string, passphrase: string, code: string) {
	await page.goto(portal.url + '/staff/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Passphrase').fill(passphrase);
	await page.getByLabel('Code from your authenticator app').fill(code);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

async function readTotpKey(page: Page) {
	return (await page.getByLabel(/Enter this key in the app/).inputValue()).replace(/\s+/g, '');
}

test.beforeAll(async ({ browser }) => {
	// The journey signs in many times from one address within a minute; the per-address limit
	// (tested on its own) would otherwise get in the way.
	portal = await startPortal({ RATE_LIMIT_FACTOR: '5' });
	({ context: adminContext, page: admin } = await newPage(browser));
	({ context: memberContext, page: member } = await newPage(browser));
});

test.afterAll(async () => {
	await adminContext?.close();
	await memberContext?.close();
	await portal?.stop();
});

test('first-run setup with the printed code creates the admin, unit key and keyring v1', async () => {
	expect(portal.setupCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
	await admin.goto(portal.url + '/staff/setup');
	// The authenticator entry is labelled with the member's own username, as they type it.
	await admin.getByLabel('Username').fill(ADMIN.username);
	await expect(
		admin.getByRole('img', {
			name: `QR code for your authenticator app, account ${ADMIN.username}`
		})
	).toBeVisible();
	await expect(admin.getByText(`list it as “SafeReport (${ADMIN.username})”`)).toBeVisible();
	await expectNoAxeViolations(admin, '/staff/setup with the authenticator code');
	const totpKey = await readTotpKey(admin);
	adminApp = new Authenticator(totpKey);
	keep('admin TOTP key', totpKey);

	// A weak passphrase is refused in the browser before anything is sent.
	await admin.getByLabel('Setup code').fill(portal.setupCode!);
	await admin.getByLabel('Username').fill(ADMIN.username);
	await admin.getByLabel('Passphrase', { exact: true }).fill('password1234');
	await admin.getByLabel('Type it again').fill('password1234');
	await admin.getByLabel('Code from the app').fill('000000');
	await admin.getByRole('button', { name: 'Create the admin account' }).click();
	await expect(admin.getByRole('alert')).toContainText('too easy to guess');
	expect(count(portal.dbPath, 'staff')).toBe(0);

	// A wrong setup code: refused by the server, nothing created.
	await admin.getByLabel('Setup code').fill('AAAAA-AAAAA-AAAAA-AAAAA');
	await admin.getByLabel('Passphrase', { exact: true }).fill(ADMIN.passphrase);
	await admin.getByLabel('Type it again').fill(ADMIN.passphrase);
	await admin.getByRole('button', { name: 'Create the admin account' }).click();
	await expect(admin.getByRole('alert')).toContainText('setup code is not right');
	expect(count(portal.dbPath, 'staff')).toBe(0);
	expect(auditCount()).toBe(0);

	await admin.getByLabel('Setup code').fill(portal.setupCode!);
	await admin.getByLabel('Code from the app').fill(await adminApp.next());
	await admin.getByRole('button', { name: 'Create the admin account' }).click();
	await expect(admin).toHaveURL(/\/staff\/login/);
	await expect(admin.getByRole('status')).toContainText('admin account is ready');

	expect(count(portal.dbPath, 'staff', "role = 'admin'")).toBe(1);
	expect(count(portal.dbPath, 'unit_keys')).toBe(1);
	expect(count(portal.dbPath, 'keyring_grants', 'version = 1')).toBe(1);
	expect(count(portal.dbPath, 'settings', "key = 'setup_code_hash'")).toBe(0);
	expect(lastAudit(portal.dbPath).action).toBe('staff.setup');
});

test('the setup code does not work again after setup', async ({ request }) => {
	const before = auditCount();
	await admin.goto(portal.url + '/staff/setup');
	await expect(admin.getByText('Setup is already done')).toBeVisible();
	await expect(admin.getByLabel('Setup code')).toHaveCount(0);
	const res = await request.post(portal.url + '/staff/setup', {
		headers: { origin: portal.url, accept: 'text/html' },
		form: { setup_code: portal.setupCode!, username: 'mallory' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(410);
	expect(await res.text()).toContain('The setup code no longer works.');
	expect(count(portal.dbPath, 'staff')).toBe(1);
	expect(auditCount()).toBe(before);
});

test('login refuses a wrong passphrase, a wrong code and a code used twice', async ({
	browser
}) => {
	const { context, page } = await newPage(browser);
	const row = () => staffRow(ADMIN.username);
	const lastStep = row().totp_last_step;

	// The passphrase is checked first: with a wrong one, the code is never looked at or used up.
	const code = await adminApp.next();
	await signIn(page, ADMIN.username, 'lantern quietly orbit walnut meadoW', code);
	await expect(page.getByRole('alert')).toContainText('username or passphrase is not right');
	expect(row().totp_last_step).toBe(lastStep);
	expect(JSON.parse(lastAudit(portal.dbPath).detail_json)).toEqual({
		reason: 'passphrase',
		failures: 1
	});

	await signIn(page, 'nobody-here', ADMIN.passphrase, code);
	await expect(page.getByRole('alert')).toContainText('username or passphrase is not right');
	expect(JSON.parse(lastAudit(portal.dbPath).detail_json)).toEqual({
		reason: 'unknown_user',
		failures: 1
	});

	await signIn(page, ADMIN.username, ADMIN.passphrase, adminApp.wrong());
	await expect(page.getByRole('alert')).toContainText('code is not right');
	expect(JSON.parse(lastAudit(portal.dbPath).detail_json)).toEqual({ reason: 'totp', failures: 2 });

	expect(count(portal.dbPath, 'sessions')).toBe(0);
	expect(row().totp_last_step).toBe(lastStep);
	expect(await context.cookies()).toEqual([]);

	// The code that went with the wrong passphrase still works, once: a success resets the count.
	await signIn(admin, ADMIN.username, ADMIN.passphrase, code);
	await expect(admin).toHaveURL(portal.url + '/staff');
	// Only the unknown name's failure is still counted, under a keyed hash, never the name.
	expect(count(portal.dbPath, 'login_backoff')).toBe(1);
	expect(count(portal.dbPath, 'login_backoff', 'failures = 1')).toBe(1);
	expect(row().totp_last_step).toBeGreaterThan(lastStep);
	const audits = auditCount();
	await signIn(page, ADMIN.username, ADMIN.passphrase, code);
	await expect(page.getByRole('alert')).toContainText('already been used');
	expect(JSON.parse(lastAudit(portal.dbPath).detail_json).reason).toBe('totp_reused');
	expect(auditCount()).toBe(audits + 1);
	expect(count(portal.dbPath, 'sessions')).toBe(1);
	expect(await context.cookies()).toEqual([]);
	await context.close();
});

test('the admin is signed in with keys unlocked, and a reload asks only for the passphrase', async () => {
	await expect(admin.getByText(`Signed in as ${ADMIN.username}`)).toBeVisible();
	await expect(
		admin.getByText('Keys unlocked in this tab. Unit keyring version 1, 1 key.')
	).toBeVisible();

	await admin.reload();
	await expect(admin.getByRole('heading', { name: 'Unlock your keys' })).toBeVisible();
	await expect(admin.getByLabel(/code/i)).toHaveCount(0);
	await admin.getByLabel('Passphrase').fill('not my passphrase at all');
	await admin.getByRole('button', { name: 'Unlock' }).click();
	await expect(admin.getByRole('alert')).toContainText('did not unlock your keys');
	await admin.getByLabel('Passphrase').fill(ADMIN.passphrase);
	await admin.getByRole('button', { name: 'Unlock' }).click();
	await expect(
		admin.getByText('Keys unlocked in this tab. Unit keyring version 1, 1 key.')
	).toBeVisible();
});

test('an admin invites a member, who onboards in their own browser', async () => {
	// A link, not a reload: the unlocked keys live only in this tab's memory.
	await admin.getByRole('navigation').getByRole('link', { name: 'Team' }).click();
	await admin.getByLabel('Role').selectOption('reviewer');
	await admin.getByLabel('Team').selectOption('CSE');
	await admin.getByRole('button', { name: 'Create invite link' }).click();
	inviteLink = await admin.getByLabel(/Invite link for a reviewer/).inputValue();
	expect(inviteLink).toMatch(new RegExp(`^${portal.url}/staff/invite/[A-Za-z0-9_-]{43}$`));
	expect(lastAudit(portal.dbPath).action).toBe('staff.invite');
	// Only a hash of the token is kept.
	keep('invite token', inviteLink.split('/').pop()!);

	await member.goto(inviteLink);
	await expect(member.getByText('invited as a reviewer')).toBeVisible();
	const totpKey = await readTotpKey(member);
	memberApp = new Authenticator(totpKey);
	keep('member TOTP key', totpKey);
	await member.getByLabel('Username').fill(MEMBER.username);
	await member.getByLabel('Passphrase', { exact: true }).fill(MEMBER.passphrase);
	await member.getByLabel('Type it again').fill(MEMBER.passphrase);
	await member.getByLabel('Code from the app').fill(await memberApp.next());
	await member.getByRole('button', { name: 'Create my account' }).click();
	await expect(member.getByRole('heading', { name: 'Your account is ready' })).toBeVisible();
	memberFingerprint = (await member.locator('code.fingerprint').textContent()) ?? '';
	expect(memberFingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
	expect(lastAudit(portal.dbPath).action).toBe('staff.onboard');
	expect(count(portal.dbPath, 'keyring_grants')).toBe(1);
});

test('a used invite and an expired invite are refused, and nothing changes', async ({
	browser
}) => {
	const { context, page } = await newPage(browser);
	await page.goto(inviteLink);
	await expect(
		page.getByRole('heading', { name: 'This invite link cannot be used' })
	).toBeVisible();

	// A second invite, opened while valid, expires before the form is sent.
	await admin.getByRole('button', { name: 'Create invite link' }).click();
	await expect(admin.getByLabel(/Invite link for a/)).not.toHaveValue(inviteLink);
	const link = await admin.getByLabel(/Invite link for a/).inputValue();
	await page.goto(link);
	const app = new Authenticator(await readTotpKey(page));
	withDb(portal.dbPath, (db) =>
		db
			.prepare("update invites set expires_at = '2000-01-01T00:00:00.000Z' where used_at is null")
			.run()
	);
	const staff = count(portal.dbPath, 'staff');
	const audits = auditCount();
	await page.getByLabel('Username').fill('late.comer');
	await page.getByLabel('Passphrase', { exact: true }).fill('orchid tambourine glacier mitten');
	await page.getByLabel('Type it again').fill('orchid tambourine glacier mitten');
	await page.getByLabel('Code from the app').fill(await app.next());
	await page.getByRole('button', { name: 'Create my account' }).click();
	await expect(page.getByRole('alert')).toContainText('expired or has already been used');
	expect(count(portal.dbPath, 'staff')).toBe(staff);
	expect(auditCount()).toBe(audits);
	await page.reload();
	await expect(
		page.getByRole('heading', { name: 'This invite link cannot be used' })
	).toBeVisible();
	await context.close();
});

test('the admin grants the keyring after comparing fingerprints', async () => {
	// A link, not a reload: the unlocked keys live only in this tab's memory.
	await admin.getByRole('navigation').getByRole('link', { name: 'Team' }).click();
	const row = admin.getByRole('listitem').filter({ hasText: MEMBER.username });
	await expect(row.getByText('Has not been granted the unit keyring.')).toBeVisible();
	// What the admin reads out must be what the member's own browser showed.
	await expect(row.locator('code.fingerprint')).toHaveText(memberFingerprint);
	await row.getByLabel(/I have compared this fingerprint/).check();
	await row.getByRole('button', { name: `Grant the unit keyring to ${MEMBER.username}` }).click();
	await expect(row.getByText('Holds the unit keyring, version 1.')).toBeVisible();
	expect(lastAudit(portal.dbPath).action).toBe('staff.grant');
	expect(count(portal.dbPath, 'keyring_grants')).toBe(2);
});

test('the member signs in and their browser opens a report sealed to the unit key', async () => {
	await signIn(member, MEMBER.username, MEMBER.passphrase, await memberApp.next());
	await expect(member).toHaveURL(portal.url + '/staff');
	await expect(member.getByText('Unit keyring version 1, 1 key.')).toBeVisible();
	await expect(member.getByText(memberFingerprint)).toBeVisible();

	// A report sealed to the unit key: only a holder of the unit secret key can open it, so seeing
	// its text proves the member's browser unsealed the keyring.
	await sodiumModule.ready;
	const sentinel = 'sealed test value ' + toBase64url(sodiumModule.randombytes_buf(12));
	const { ref } = await submit(portal.url, {
		label: 'probe',
		envelope: PROBE_ENVELOPE,
		body: reportBody({
			narrative: sentinel,
			location: 'Bus station',
			name: 'Dave',
			phone: '07700 900111',
			files: []
		}),
		files: []
	});
	await member
		.getByRole('navigation', { name: 'Staff' })
		.getByRole('link', { name: 'Queue' })
		.click();
	await member.getByRole('link', { name: ref, exact: true }).click();
	await expect(member.getByText(sentinel)).toBeVisible();

	// The key check is an admin's tool, on its own page: the admin's browser opens a value sealed
	// to the unit public key as stored by setup.
	await expect(member.getByRole('link', { name: 'Unit key' })).toHaveCount(0);
	const unitPk = withDb(
		portal.dbPath,
		(db) =>
			(db.prepare('select public_key from unit_keys').get() as { public_key: Buffer }).public_key
	);
	const sealed = sodiumModule.crypto_box_seal(utf8(sentinel), new Uint8Array(unitPk));
	await admin
		.getByRole('navigation', { name: 'Staff' })
		.getByRole('link', { name: 'Unit key' })
		.click();
	await admin.getByLabel('Sealed value').fill(toBase64url(sealed));
	await admin.getByRole('button', { name: 'Open it' }).click();
	await expect(admin.getByRole('status').filter({ hasText: 'Opened with unit key' })).toContainText(
		sentinel
	);

	// A reviewer is not an admin: the team page refuses.
	const res = await member.request.get(portal.url + '/staff/team', { maxRedirects: 0 });
	expect(res.status()).toBe(403);
});

test('changing the passphrase re-wraps the keys and the old passphrase stops working', async ({
	browser
}) => {
	const old = staffRow(ADMIN.username);
	// A link, not a reload: the unlocked keys live only in this tab's memory.
	await admin.getByRole('navigation').getByRole('link', { name: 'Change passphrase' }).click();
	await admin.getByLabel('Current passphrase').fill(ADMIN.passphrase);
	await admin.getByLabel('New passphrase').fill(ADMIN.newPassphrase);
	await admin.getByLabel('Type it again').fill(ADMIN.newPassphrase);
	await admin.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(admin.getByRole('status').filter({ hasText: 'has been changed' })).toBeVisible();
	expect(lastAudit(portal.dbPath).action).toBe('staff.passphrase');
	const now = staffRow(ADMIN.username);
	expect(Buffer.compare(now.kdf_salt, old.kdf_salt)).not.toBe(0);
	expect(Buffer.compare(now.secret_box, old.secret_box)).not.toBe(0);

	const { context, page } = await newPage(browser);
	const code = await adminApp.next();
	await signIn(page, ADMIN.username, ADMIN.passphrase, code);
	await expect(page.getByRole('alert')).toContainText('username or passphrase is not right');
	await signIn(page, ADMIN.username, ADMIN.newPassphrase, code);
	await expect(page).toHaveURL(portal.url + '/staff');
	await expect(page.getByText('Unit keyring version 1, 1 key.')).toBeVisible();
	await context.close();
});

test('a disabled member loses their session, their keyring and the ability to sign in', async () => {
	const id = staffRow(MEMBER.username).id;
	addKeyHolder(portal.dbPath);
	await admin.goto(portal.url + '/staff/team');
	const row = admin.getByRole('listitem').filter({ hasText: MEMBER.username });
	await row.getByRole('button', { name: `Disable ${MEMBER.username}` }).click();
	await expect(row.getByText('disabled')).toBeVisible();
	expect(lastAudit(portal.dbPath).action).toBe('staff.disable');
	expect(count(portal.dbPath, 'sessions', 'staff_id = ?', id)).toBe(0);
	expect(count(portal.dbPath, 'keyring_grants', 'staff_id = ?', id)).toBe(0);

	await member.reload();
	await expect(member).toHaveURL(/\/staff\/login$/);
	const sessions = count(portal.dbPath, 'sessions');
	await signIn(member, MEMBER.username, MEMBER.passphrase, await memberApp.next());
	await expect(member.getByRole('alert')).toContainText('account has been disabled');
	expect(count(portal.dbPath, 'sessions')).toBe(sessions);
});

test('logging out ends the session and is audited', async () => {
	const sessions = count(portal.dbPath, 'sessions');
	await admin.getByRole('button', { name: 'Log out' }).click();
	await expect(admin).toHaveURL(/\/staff\/login/);
	await expect(admin.getByRole('status')).toContainText('You have signed out.');
	expect(lastAudit(portal.dbPath).action).toBe('staff.logout');
	expect(count(portal.dbPath, 'sessions')).toBe(sessions - 1);
	await admin.goto(portal.url + '/staff');
	await expect(admin).toHaveURL(/\/staff\/login$/);
});

test('a locked name answers guesses with the lock alone, like an unknown name, and still lets its owner in', async ({
	browser
}) => {
	const { context, page } = await newPage(browser);
	/** Signs in from a fresh page and returns the words of the error summary. */
	const answer = async (username: string, passphrase: string, code: string) => {
		await signIn(page, username, passphrase, code);
		return (await page.getByRole('alert').getByRole('paragraph').innerText()).trim();
	};
	const guesses = async (username: string) => {
		const answers = [];
		for (let i = 0; i < 6; i++) {
			answers.push(await answer(username, 'not it at all', '123456'));
		}
		return answers;
	};
	const known = await guesses(ADMIN.username);
	expect(known.slice(0, 4)).toEqual(Array(4).fill('The username or passphrase is not right.'));
	expect(known[4]).toMatch(/^The username or passphrase is not right\. Too many attempts\. /);
	expect(known[5]).toMatch(
		/^Too many attempts\. For the next 2 minutes, only the right passphrase/
	);
	// A name that does not exist goes through the same steps, word for word.
	expect(await guesses('no-such-admin')).toEqual(known);
	keep('an unknown username', 'no-such-admin');

	// While locked, the right passphrase with a wrong code gets the lock too, not "wrong code".
	const wrongCode = await answer(ADMIN.username, ADMIN.newPassphrase, adminApp.wrong());
	expect(wrongCode).toMatch(/^Too many attempts\. For the next 4 minutes/);
	await screenshotAtWidths(page, 'staff-login', 'locked');
	expect(JSON.parse(lastAudit(portal.dbPath).detail_json)).toMatchObject({
		reason: 'totp',
		locked: true
	});

	// The owner, with the passphrase and a fresh code, is not kept out by the lock.
	await signIn(page, ADMIN.username, ADMIN.newPassphrase, await adminApp.next());
	await expect(page).toHaveURL(portal.url + '/staff');
	expect(lastAudit(portal.dbPath).action).toBe('staff.login');
	await context.close();
});

test('the database file holds none of the passphrases, keks, secret keys or codes', async () => {
	await sodiumModule.ready;
	const sodium = sodiumModule;
	// Work out, from the passphrases and the stored salts, every key the browsers derived.
	const wrappedKeys = (username: string, passphrase: string) => {
		const row = staffRow(username);
		const keys = derivePassphraseKeys(
			sodium,
			passphrase,
			new Uint8Array(row.kdf_salt),
			row.kdf_ops,
			row.kdf_mem
		);
		keep(`${username} passphrase`, passphrase);
		keep(`${username} kek`, keys.kek);
		keep(`${username} auth_key`, keys.authKey);
		const s = unwrapStaffSecrets(
			sodium,
			{ secretBox: new Uint8Array(row.secret_box), secretNonce: new Uint8Array(row.secret_nonce) },
			row.id,
			keys.kek
		);
		keep(`${username} box secret key`, s.boxSecretKey);
		keep(`${username} signing seed`, s.signSecretKey.subarray(0, 32));
		return { id: row.id, ...s };
	};
	const adminKeys = wrappedKeys(ADMIN.username, ADMIN.newPassphrase);
	wrappedKeys(MEMBER.username, MEMBER.passphrase);
	keep('old admin passphrase', ADMIN.passphrase);
	const grant = withDb(
		portal.dbPath,
		(db) =>
			db
				.prepare('select sealed_keyring from keyring_grants where staff_id = ?')
				.get(adminKeys.id) as {
				sealed_keyring: Buffer;
			}
	);
	const keyring = openKeyring(
		sodium,
		new Uint8Array(grant.sealed_keyring),
		sodium.crypto_scalarmult_base(adminKeys.boxSecretKey),
		adminKeys.boxSecretKey
	);
	for (const k of keyring.keys) {
		keep('unit secret key', k.sk);
	}
	keep('link key', keyring.linkKey);
	for (const code of [...adminApp.codes, ...memberApp.codes]) {
		keep('TOTP code', code);
	}
	expect(secrets.length).toBeGreaterThan(15);

	await portal.stop();
	const files = ['', '-wal', '-shm'].map((s) => portal.dbPath + s).filter((f) => existsSync(f));
	const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
	expect(bytes.length).toBeGreaterThan(10_000);
	const found = secrets
		.filter((s) => bytes.indexOf(Buffer.from(s.bytes)) !== -1)
		.map((s) => s.label);
	expect(found).toEqual([]);
	// And the scan itself works: a value the database does hold is found.
	expect(bytes.indexOf(Buffer.from(ADMIN.username))).toBeGreaterThan(-1);
	expect(fromBase64url(toBase64url(adminKeys.boxSecretKey)).length).toBe(32);
});
