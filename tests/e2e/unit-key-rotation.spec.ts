import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openKeyring, type UnitKeyring } from '../../src/lib/crypto/keyring';
import { openReport, openSealedKey } from '../../src/lib/crypto/report-box';
import { getSodium } from '../../src/lib/crypto/sodium';
import { getSodiumSumo } from '../../src/lib/crypto/sodium-sumo';
import { derivePassphraseKeys, unwrapStaffSecrets } from '../../src/lib/crypto/staff-keys';
import { type MadeMember } from '../../src/lib/server/demo/staff';
import { sampleEnvelope } from '../support/api-client';
import {
	expectNoAxeViolations,
	expectNoSidewaysOverflow,
	screenshotAtWidths
} from './support/page-checks';
import { type Portal } from './support/portal';
import { Authenticator, withDb } from './support/staff';
import { reportBody, submit } from './workbench-fixtures';
import { newStaffPage, signInStaff } from './support/staff-sign-in';
import { startTeamPortal } from './support/team';

/**
 * Unit-key rotation and the two-key-holder rule, end to end on one portal: an admin takes the
 * keyring from one reviewer and rotates from the team page; reports made before and after open
 * for the reviewer who kept access, and the removed reviewer's own keys open nothing made after.
 * Then the rule refuses to leave one key holder until the admin cites a signed deviation.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let portal: Portal;
let admin: MadeMember;
let rita: MadeMember;
let bob: MadeMember;
let adminPage: Page;
let apps: Map<string, Authenticator>;
const contexts: BrowserContext[] = [];
const BEFORE = 'MARMOSET-BEFORE-ROTATION He followed me from the bus stop.';
const AFTER = 'PANGOLIN-AFTER-ROTATION He came back the next night with a friend.';
let refs: { before: string; after: string };
let bobsLastKeyring: Uint8Array;

const report = (narrative: string) => ({
	label: narrative,
	envelope: { ...sampleEnvelope(), area: 'cheltenham' },
	body: reportBody({
		narrative,
		location: 'Bus stop on the High Street',
		name: 'Unknown',
		phone: '07700 900123',
		files: []
	}),
	files: []
});

async function signIn(browser: Browser, who: MadeMember): Promise<Page> {
	const page = await newStaffPage(browser, contexts);
	await signInStaff(page, portal.url, who, await apps.get(who.id)!.next());
	return page;
}

/** Client-side navigation keeps the keys, which live only in this tab's memory. */
const goTo = (page: Page, link: string) =>
	page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: link }).click();

const member = (page: Page, username: string) =>
	page.getByRole('listitem').filter({ has: page.getByText(username, { exact: true }) });

const screenshots = (page: Page, name: string) =>
	screenshotAtWidths(page, 'rotation-screens', name, (width) =>
		expectNoSidewaysOverflow(page, width, `${name} at ${width} px`)
	);

const stored = (ref: string) =>
	withDb(
		portal.dbPath,
		(db) =>
			db
				.prepare(
					'select unit_key_id, envelope_json, nonce, ciphertext, key_for_unit from reports where ref = ?'
				)
				.get(ref) as {
				unit_key_id: string;
				envelope_json: string;
				nonce: Buffer;
				ciphertext: Buffer;
				key_for_unit: Buffer;
			}
	);

/** Bob's box secret key, unwrapped from his stored row with his passphrase, as his browser would. */
async function bobsBoxKeys() {
	const row = withDb(
		portal.dbPath,
		(db) =>
			db
				.prepare(
					'select kdf_salt, kdf_ops, kdf_mem, box_pk, secret_box, secret_nonce from staff where id = ?'
				)
				.get(bob.id) as Record<string, Buffer> & { kdf_ops: number; kdf_mem: number }
	);
	const [sodium, sumo] = await Promise.all([getSodium(), getSodiumSumo()]);
	const { kek } = derivePassphraseKeys(
		sumo,
		bob.passphrase,
		new Uint8Array(row.kdf_salt),
		row.kdf_ops,
		row.kdf_mem
	);
	const secrets = unwrapStaffSecrets(
		sodium,
		{ secretBox: new Uint8Array(row.secret_box), secretNonce: new Uint8Array(row.secret_nonce) },
		bob.id,
		kek
	);
	return { publicKey: new Uint8Array(row.box_pk), secretKey: secrets.boxSecretKey };
}

/** Does any key in this keyring open the stored report, whatever key id the report names? */
async function anyKeyOpens(keyring: UnitKeyring, ref: string): Promise<boolean> {
	const sodium = await getSodium();
	const row = stored(ref);
	return keyring.keys.some((k) => {
		try {
			const key = openSealedKey(
				sodium,
				new Uint8Array(row.key_for_unit),
				sodium.crypto_scalarmult_base(k.sk),
				k.sk
			);
			openReport(sodium, {
				key,
				nonce: new Uint8Array(row.nonce),
				ciphertext: new Uint8Array(row.ciphertext),
				unitKeyId: row.unit_key_id,
				envelope: JSON.parse(row.envelope_json)
			});
			return true;
		} catch {
			return false;
		}
	});
}

test.beforeAll(async () => {
	const team = await startTeamPortal({
		env: { RATE_LIMIT_FACTOR: '5', POW_MAX: '2000' },
		admin: 'ada.admin',
		members: [
			{ username: 'rita.reviewer', role: 'reviewer', team: 'RASSO' },
			{ username: 'bob.reviewer', role: 'reviewer', team: 'RASSO' }
		]
	});
	({ portal, admin, apps } = team);
	[rita, bob] = team.members;
	refs = { before: (await submit(portal.url, report(BEFORE))).ref, after: '' };
});

test.afterAll(async () => {
	for (const context of contexts) {
		await context.close();
	}
	await portal?.close();
});

test('an admin removes a reviewer’s keyring and rotates the unit key from the team page', async ({
	browser
}) => {
	bobsLastKeyring = withDb(
		portal.dbPath,
		(db) =>
			(
				db.prepare('select sealed_keyring from keyring_grants where staff_id = ?').get(bob.id) as {
					sealed_keyring: Buffer;
				}
			).sealed_keyring
	);
	const oldKey = stored(refs.before).unit_key_id;

	adminPage = await signIn(browser, admin);
	const page = adminPage;
	await goTo(page, 'Team');
	await expect(page.getByText('3 members hold the unit keyring.')).toBeVisible();
	await member(page, 'bob.reviewer')
		.getByRole('button', { name: 'Remove the keyring from bob.reviewer' })
		.click();
	await expect(page.getByRole('status').filter({ hasText: 'keyring is removed' })).toBeVisible();
	await expect(page.getByText('2 members hold the unit keyring.')).toBeVisible();

	// Only rita is left to choose for; she keeps every key.
	await expect(page.getByLabel('Access for bob.reviewer')).toHaveCount(0);
	await expect(page.getByLabel('Access for rita.reviewer')).toHaveValue('all');
	await expectNoAxeViolations(page, 'team page');
	await screenshots(page, 'team');
	await page.getByRole('button', { name: 'Rotate the unit key' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'The unit key is rotated: keyring version 2' })
	).toBeVisible();
	await expect(member(page, 'rita.reviewer')).toContainText('Holds the unit keyring, version 2.');
	await expectNoAxeViolations(page, 'team page after rotation');

	// Reporters are given the new key at once; the old one is retired.
	const answer = await fetch(portal.url + '/api/v1/unit-key');
	// Never cached, so no reporter's browser or proxy keeps the retired key.
	expect(answer.headers.get('cache-control')).toBe('no-store');
	const published = (await answer.json()) as { id: string };
	expect(published.id).not.toBe(oldKey);
	const keys = withDb(
		portal.dbPath,
		(db) =>
			db.prepare('select id, retired_at from unit_keys order by created_at').all() as {
				id: string;
				retired_at: string | null;
			}[]
	);
	expect(keys.map((k) => [k.id, k.retired_at === null])).toEqual([
		[oldKey, false],
		[published.id, true]
	]);
	refs.after = (await submit(portal.url, report(AFTER))).ref;
	expect(stored(refs.after).unit_key_id).toBe(published.id);
});

test('the reviewer who kept access opens reports from before and after the rotation', async ({
	browser
}) => {
	const page = await signIn(browser, rita);
	for (const [ref, narrative] of [
		[refs.before, BEFORE],
		[refs.after, AFTER]
	]) {
		await goTo(page, 'Queue');
		await page.getByRole('link', { name: ref, exact: true }).click();
		await expect(page.getByRole('heading', { name: `Report ${ref}` })).toBeVisible();
		await expect(page.getByText(narrative)).toBeVisible();
	}
});

test('the removed reviewer’s own keys open the old report but not the new one', async () => {
	const sodium = await getSodium();
	const box = await bobsBoxKeys();
	const keyring = openKeyring(sodium, bobsLastKeyring, box.publicKey, box.secretKey);
	// The same keys open the report made before: the check below can tell the difference.
	expect(await anyKeyOpens(keyring, refs.before)).toBe(true);
	expect(await anyKeyOpens(keyring, refs.after)).toBe(false);
	// And the server no longer serves him any keyring.
	expect(
		withDb(portal.dbPath, (db) =>
			db.prepare('select count(*) as n from keyring_grants where staff_id = ?').get(bob.id)
		)
	).toEqual({ n: 0 });
});

test('the two-key-holder rule refuses the last-but-one disable until a signed deviation is cited', async () => {
	const page = adminPage;
	await goTo(page, 'Team');
	const disableRita = () =>
		member(page, 'rita.reviewer').getByRole('button', { name: 'Disable rita.reviewer' }).click();
	await expect(
		member(page, 'rita.reviewer').getByLabel(/Also rotate the unit key now/)
	).toBeChecked();
	await disableRita();
	await expect(page.getByRole('alert')).toContainText(
		'This would leave only one member holding the unit keyring.'
	);
	await screenshots(page, 'team-refused');
	const ritaStatus = () =>
		withDb(portal.dbPath, (db) =>
			db.prepare('select status from staff where id = ?').get(rita.id)
		) as { status: string };
	expect(ritaStatus()).toEqual({ status: 'active' });
	// The grant removal is refused the same way.
	await member(page, 'rita.reviewer')
		.getByRole('button', { name: 'Remove the keyring from rita.reviewer' })
		.click();
	await expect(page.getByRole('alert')).toContainText('only one member holding');

	await page.getByRole('link', { name: 'Record a policy deviation' }).click();
	await page.getByLabel('Your line manager').selectOption({ label: 'bob.reviewer (RASSO team)' });
	await page
		.getByLabel('Why was it necessary to step outside policy?')
		.fill(
			'Rita leaves the unit today and the second detective starts on Monday; the inspector agreed to one key holder until then.'
		);
	await page.getByRole('button', { name: 'Sign and store this record' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'signed, dated and stored' })
	).toBeVisible();
	const deviationId = withDb(
		portal.dbPath,
		(db) => (db.prepare('select id from deviations').get() as { id: string }).id
	);

	await goTo(page, 'Team');
	const choice = page.getByLabel(/Policy deviation, if a change leaves fewer than 2/);
	await choice.selectOption(deviationId);
	await disableRita();
	await expect(
		page.getByRole('status').filter({ hasText: 'disabled and signed out' })
	).toBeVisible();
	expect(ritaStatus()).toEqual({ status: 'disabled' });

	const lines = withDb(
		portal.dbPath,
		(db) =>
			db
				.prepare(
					"select action, detail_json from audit_events where action in ('staff.disable', 'unit_key.rotate') order by seq"
				)
				.all() as { action: string; detail_json: string }[]
	);
	expect(lines.map((l) => l.action)).toEqual([
		'unit_key.rotate',
		'staff.disable',
		'unit_key.rotate'
	]);
	expect(JSON.parse(lines[1].detail_json)).toMatchObject({ deviation_id: deviationId });
	expect(JSON.parse(lines[2].detail_json)).toMatchObject({ version: 3 });
	// The record is spent: it is no longer offered.
	await expect(choice.locator('option')).toHaveCount(1);

	// Home warns while only one member holds the keyring.
	await goTo(page, 'Queue');
	await expect(
		page.getByRole('status').filter({ hasText: 'Only one member holds the unit keyring.' })
	).toBeVisible();
	await expectNoAxeViolations(page, 'staff home with the key-holder warning');
	await screenshots(page, 'home-warning');
});
