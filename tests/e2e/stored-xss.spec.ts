import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { openDatabase } from '../../src/lib/server/db/connect';
import { createWarning, publishWarning } from '../../src/lib/server/warnings/compose';
import { setBulletinPassphrase } from '../../src/lib/server/warnings/bulletin-access';
import { submitReport } from '../support/api-client';
import { sendUnitMessage } from '../support/unit-keyring';
import { newStaffPage, signInStaff } from './support/staff-sign-in';
import { startTeamPortal, type TeamPortal } from './support/team';
import { reportBody } from './workbench-fixtures';

/**
 * Reports hold hostile text: whatever a reporter (or anyone with the form) writes, and whatever
 * staff write, is shown as text on every page that shows it — the case view, the evidence view,
 * the staff warning pages and the bulletin. Each payload would set a flag on the window or open
 * a dialog if it ran; neither may happen, and the payload's own words must be on the page.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

/** One payload per field, numbered, so each can be found on the page as text. */
const payload = (n: number) =>
	`XSS${n} <img src=x onerror="window.__pwned=${n};alert(${n})"><script>window.__pwned=${n}</script>"><svg onload=window.__pwned=${n}>`;
const BULLETIN_PASSPHRASE = 'lantern harbour quartz meadow';

let team: TeamPortal;
let ref = '';
let warningId = '';
const contexts: BrowserContext[] = [];
const dialogs: string[] = [];

test.beforeAll(async () => {
	team = await startTeamPortal({
		env: { POW_MAX: '10', RATE_LIMIT_FACTOR: '100000' },
		admin: 'xss.admin',
		members: [{ username: 'xss.reviewer', role: 'reviewer', team: 'RASSO' }]
	});
	const body = reportBody({
		narrative: payload(1),
		location: payload(2),
		name: payload(3),
		phone: '07700 900123',
		files: []
	});
	Object.assign(body.incident, { when: payload(4), injuries: payload(5), weapon: payload(6) });
	Object.assign(body.offender, {
		appearance: payload(7),
		accent: payload(8),
		contact_method: payload(9)
	});
	Object.assign(body.about_you, { notes: payload(10) });
	const { res } = await submitReport(team.portal.url, team.unitKey, {
		body,
		envelope: {
			v: 1,
			types: ['robbery'],
			area: 'gloucester',
			month: '2026-11',
			under18: 'no',
			reporter: 'self',
			warn: true,
			police: 'intelligence',
			lang: 'en',
			attachments: 0
		}
	});
	expect(res.status).toBe(201);
	ref = ((await res.json()) as { ref: string }).ref;
	// A message in the thread, as the unit's reply (sealed to the unit key too).
	await sendUnitMessage(team.portal.dbPath, { ...team.unitKey, keyring: null! }, ref, payload(11));

	const db = openDatabase(team.portal.dbPath);
	try {
		const admin = await db
			.selectFrom('staff')
			.selectAll()
			.where('id', '=', team.admin.id)
			.executeTakeFirstOrThrow();
		({ id: warningId } = await createWarning(db, admin, {
			report_ref: ref,
			content: {
				area: 'gloucester',
				month: '2026-11',
				types: ['robbery'],
				title: payload(20),
				body: payload(21),
				description: payload(22),
				identifiers: [{ kind: 'vehicle', value: 'AB12 CDE', label: payload(23) }],
				expires_on: '',
				source_note: payload(24)
			}
		}));
		await publishWarning(db, admin, warningId, null);
		await setBulletinPassphrase(db, admin, BULLETIN_PASSPHRASE);
	} finally {
		await db.destroy();
	}
});
test.afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await team?.portal.close();
});

async function watched(page: Page) {
	page.on('dialog', (d) => {
		dialogs.push(`${page.url()}: ${d.message()}`);
		void d.dismiss();
	});
	return page;
}

/** A full page load locks the keys (they live in the tab's memory): unlock them again. */
async function unlock(page: Page) {
	await page.getByLabel('Passphrase').fill(team.members[0].passphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByRole('heading', { name: 'Unlock your keys' })).toHaveCount(0);
}

/** The payloads are on the page as text, and none of them ran. */
async function expectInert(page: Page, numbers: number[]) {
	for (const n of numbers) {
		await expect(page.getByText(`XSS${n} <img src=x`).first(), `payload ${n}`).toBeVisible();
	}
	expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
	expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
	expect(dialogs).toEqual([]);
}

test('hostile text in a report, a reply and a note shows as text in the case and evidence views', async ({
	browser
}) => {
	const reviewer = await watched(await newStaffPage(browser, contexts));
	const who = team.members[0];
	await signInStaff(reviewer, team.portal.url, who, await team.apps.get(who.id)!.next());
	await reviewer.goto(`${team.portal.url}/staff/reports/${ref}`);
	await unlock(reviewer);
	await expectInert(reviewer, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

	// Staff-entered text: a note and a reply, sealed in the browser, then shown again.
	await reviewer.getByLabel('New note').fill(payload(12));
	await reviewer.getByRole('button', { name: 'Save note' }).click();
	await reviewer.getByLabel('Reply to the reporter').fill(payload(13));
	await reviewer.getByRole('button', { name: 'Send reply' }).click();
	await reviewer.reload();
	await unlock(reviewer);
	await expectInert(reviewer, [1, 11, 12, 13]);

	await reviewer.getByRole('link', { name: 'Printable evidence view' }).click();
	await expect(
		reviewer.getByRole('heading', { name: `Evidence record: report ${ref}` })
	).toBeVisible();
	await expectInert(reviewer, [1, 2, 3, 10, 11, 12, 13]);

	await reviewer.goto(`${team.portal.url}/staff/warnings`);
	await expectInert(reviewer, [20]);
	await reviewer.goto(`${team.portal.url}/staff/warnings/${warningId}`);
	await expectInert(reviewer, [20, 21, 22]);
});

test('hostile text in a published warning shows as text on the bulletin', async ({ browser }) => {
	const page = await watched(await newStaffPage(browser, contexts));
	await page.goto(`${team.portal.url}/warnings`);
	await page.getByLabel('Bulletin passphrase').fill(BULLETIN_PASSPHRASE);
	await page.getByRole('button', { name: 'Show the warnings' }).click();
	await expectInert(page, [20, 21, 22, 23]);
});
