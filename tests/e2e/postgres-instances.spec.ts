import { expect, test, type BrowserContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { openDatabase } from '../../src/lib/server/db/connect';
import { createDemoAdmin, type MadeMember } from '../../src/lib/server/demo/staff';
import { postMultipart, sealedSubmission, solvePow } from '../support/api-client';
import { startPortal, type Portal } from './support/portal';
import { Authenticator } from './support/staff';
import { newStaffPage, signInStaff } from './support/staff-sign-in';

/**
 * Two instances of the built portal on one PostgreSQL database, as behind a load balancer: a staff
 * session made on one works on the other, each lists the reports the other received, and a proof
 * of work spent on one is refused by the other. Needs a server: npm run test:postgres.
 */
const SERVER_URL = process.env.TEST_POSTGRES_URL ?? '';
test.skip(!SERVER_URL, 'needs a PostgreSQL server (npm run test:postgres)');
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const SECRET = new Uint8Array(randomBytes(32));
const DATABASE = `safereport_e2e_${randomBytes(6).toString('hex')}`;
let databaseUrl = '';
let one: Portal | undefined;
let two: Portal | undefined;
let admin: MadeMember;
let unit: { id: string; publicKey: Uint8Array };
const refs: { one?: string; two?: string } = {};
const contexts: BrowserContext[] = [];

async function onServer(statement: string) {
	const client = new pg.Client({ connectionString: SERVER_URL });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

test.beforeAll(async () => {
	await onServer(`create database ${DATABASE}`);
	const url = new URL(SERVER_URL);
	url.pathname = `/${DATABASE}`;
	databaseUrl = url.toString();
	const env = { DATABASE_URL: databaseUrl, SERVER_SECRET: toBase64url(SECRET), POW_MAX: '2000' };
	// Started together: both migrate the empty database at once, as a fleet does on deploy.
	[one, two] = await Promise.all([startPortal(env), startPortal(env)]);
	const db = openDatabase(databaseUrl);
	try {
		const made = await createDemoAdmin(
			db,
			{ username: 'ada.admin', passphrase: 'harbour quartz lantern meadow otter' },
			SECRET
		);
		admin = made.admin;
		unit = made.unitKey;
	} finally {
		await db.destroy();
	}
});

test.afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await Promise.all([one?.close(), two?.close()]);
	await onServer(`drop database if exists ${DATABASE} with (force)`);
});

/** A sealed report with the given proof of work, posted to one instance. */
async function send(portal: Portal, pow: Awaited<ReturnType<typeof solvePow>>) {
	const { report } = await sealedSubmission(unit);
	const body = new FormData();
	body.append('report', JSON.stringify(report));
	body.append('pow', JSON.stringify(pow));
	return postMultipart(portal.url, '/api/v1/reports', body);
}

test('a proof of work spent on one instance is refused by the other', async () => {
	const pow = await solvePow(one!.url);
	const first = await send(one!, pow);
	expect(first.status).toBe(201);
	refs.one = ((await first.json()) as { ref: string }).ref;

	const again = await send(two!, pow);
	expect(again.status).toBe(400);
	expect(await again.json()).toMatchObject({ error: { code: 'pow_invalid', field: 'pow' } });

	// Not because the other cannot check it: a fresh solution of the first one's challenge is
	// accepted there, as every instance holds the same secret.
	const fresh = await send(two!, await solvePow(one!.url));
	expect(fresh.status).toBe(201);
	refs.two = ((await fresh.json()) as { ref: string }).ref;
});

test('a staff session made on one instance works on the other, and each lists the other’s reports', async ({
	browser
}) => {
	const page = await newStaffPage(browser, contexts);
	await signInStaff(page, one!.url, admin, await new Authenticator(admin.totpSecret).next());
	const row = (ref: string) =>
		page.getByRole('row').filter({ has: page.getByRole('link', { name: ref, exact: true }) });
	// The first instance lists the report the second received.
	await expect(row(refs.two!)).toBeVisible();

	// The same session cookie (one host, as behind a load balancer) opens the second instance's
	// staff pages, which list the report the first received.
	await page.goto(two!.url + '/staff');
	await expect(page).toHaveURL(two!.url + '/staff');
	await expect(row(refs.one!)).toBeVisible();

	// Logging out on the second ends the session on the first too: one sessions table.
	await page.getByRole('button', { name: 'Log out' }).click();
	await page.goto(one!.url + '/staff');
	await expect(page).toHaveURL(new RegExp(`^${one!.url}/staff/login`));
});
