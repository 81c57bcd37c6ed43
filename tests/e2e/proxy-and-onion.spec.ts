import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { postMultipart, sealedSubmission, solvePow, submitReport } from '../support/api-client';
import { watchPageErrors } from '../support/page-errors';
import { fillReport } from '../support/report-form';
import { startPortal } from './support/portal';
import { portalWithUnitKey } from './support/unit-portal';

/**
 * Whose address a request has (docs/deploy.md): behind a proxy the one it forwards, on a direct
 * connection the socket's whatever the client writes, and on an onion service nobody's, so proof
 * of work carries the load. And the Onion-Location header. All through the built server.
 */

/** The no-JavaScript forms' budget (README "Rate limits") and the reports API's. */
const NO_JS_BUDGET = 20;
const API_BUDGET = 30;

/** A no-JavaScript "Add another phone number" post, sent from the loopback address `from`. */
function addPhoneFrom(url: string, from: string, headers: Record<string, string> = {}) {
	return new Promise<number>((resolve, reject) => {
		const body = 'intent=add_phone';
		const req = httpRequest(
			url + '/report',
			{
				method: 'POST',
				localAddress: from,
				headers: {
					origin: url,
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': String(body.length),
					...headers
				}
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode!));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** The database and its journal files, as text, for a search. */
const databaseFiles = (dbPath: string) =>
	['', '-wal', '-shm']
		.filter((suffix) => existsSync(dbPath + suffix))
		.map((suffix) => readFileSync(dbPath + suffix).toString('latin1'));

/** Posts until refused; how many went through (a ceiling keeps a broken limit from looping). */
async function postsAllowed(send: (i: number) => Promise<number>, ceiling = 60) {
	for (let i = 0; i < ceiling; i++) {
		const status = await send(i);
		if (status === 429) {
			return i;
		}
		expect(status).toBe(200);
	}
	return ceiling;
}

test.describe('behind a proxy: ADDRESS_HEADER=X-Forwarded-For, XFF_DEPTH=1', () => {
	const ctx = portalWithUnitKey({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' });

	test('two clients the proxy forwards with different addresses get separate budgets', async () => {
		const url = ctx.portal.url;
		// What the client wrote comes first; the proxy appends the address it saw, read at depth 1.
		const via = (client: string) => ({ 'x-forwarded-for': `203.0.113.99, ${client}` });
		expect(await postsAllowed(() => addPhoneFrom(url, '127.0.0.1', via('198.51.100.1')))).toBe(
			NO_JS_BUDGET
		);
		expect(await postsAllowed(() => addPhoneFrom(url, '127.0.0.1', via('198.51.100.2')))).toBe(
			NO_JS_BUDGET
		);
		// A request that did not come through the proxy shares one budget of its own, not a 500.
		expect(await addPhoneFrom(url, '127.0.0.1')).toBe(200);
		// The addresses counted are kept nowhere: not in the log, not in the database files.
		const kept = [ctx.portal.output(), ...databaseFiles(ctx.portal.dbPath)].join('\n');
		for (const address of ['198.51.100.1', '198.51.100.2', '203.0.113.99']) {
			expect(kept).not.toContain(address);
		}
		expect(ctx.portal.output()).toContain('did not come through the proxy');
	});
});

test.describe('a direct connection (no ADDRESS_HEADER)', () => {
	const ctx = portalWithUnitKey();

	test('a forged X-Forwarded-For neither buys a fresh budget nor spends another client’s', async () => {
		const url = ctx.portal.url;
		// A new forged address on every post: still counted as the one socket address.
		expect(
			await postsAllowed((i) =>
				addPhoneFrom(url, '127.0.0.1', { 'x-forwarded-for': `198.51.100.${i + 1}` })
			)
		).toBe(NO_JS_BUDGET);
		// It named 127.0.0.2 all along; the client really at 127.0.0.2 still has its whole budget.
		expect(
			await postsAllowed(() => addPhoneFrom(url, '127.0.0.2', { 'x-forwarded-for': '127.0.0.1' }))
		).toBe(NO_JS_BUDGET);
	});
});

test.describe('every client shares one address (SHARED_ADDRESS=on)', () => {
	const ctx = portalWithUnitKey({ SHARED_ADDRESS: 'on', POW_MAX: '2000' });

	test('a flood of no-JavaScript posts cannot lock a reporter with JavaScript out; proof of work carries the API', async ({
		page
	}) => {
		test.setTimeout(180_000);
		const url = ctx.portal.url;
		// The flood, from two different sockets: one shared budget, spent.
		let sent = 0;
		for (const from of ['127.0.0.1', '127.0.0.2']) {
			sent += await postsAllowed(() => addPhoneFrom(url, from));
		}
		expect(sent).toBe(NO_JS_BUDGET);
		expect(await addPhoneFrom(url, '127.0.0.2')).toBe(429);

		// More reports through the API than one address's budget allows, each with its proof.
		for (let i = 0; i <= API_BUDGET; i++) {
			expect((await submitReport(url, ctx.unit)).res.status).toBe(201);
		}
		// Without a valid proof nothing goes in, however many are sent.
		const submission = await sealedSubmission(ctx.unit);
		const spent = await solvePow(url);
		const body = () => {
			const form = new FormData();
			form.append('report', JSON.stringify(submission.report));
			form.append('pow', JSON.stringify(spent));
			return form;
		};
		expect((await postMultipart(url, '/api/v1/reports', body())).status).toBe(201);
		const replay = await postMultipart(url, '/api/v1/reports', body());
		expect(replay.status).toBe(400);
		expect((await replay.json()).error.code).toBe('pow_invalid');

		// A reporter in a browser with JavaScript still gets through, after all of that.
		const errors = watchPageErrors(page);
		await page.goto(url + '/report');
		await fillReport(page, { js: true, full: false });
		await page.getByRole('button', { name: 'Send my report' }).click();
		await expect(page.getByRole('heading', { name: 'Your report has been sent' })).toBeVisible({
			timeout: 60_000
		});
		expect(errors).toEqual([]);
	});
});

const ONION = 'http://' + 'q'.repeat(52) + 'd2ad.onion';

test.describe('Onion-Location', () => {
	// GETs only: the origin is one a browser would reach through a TLS proxy.
	const ctx = portalWithUnitKey({ ORIGIN: 'https://report.example.org', ONION_ORIGIN: ONION });

	test('public pages over HTTPS name the same page on the onion service; staff pages, the API and files do not', async ({
		request
	}) => {
		const header = async (path: string) =>
			(await request.get(ctx.portal.url + path)).headers()['onion-location'];
		expect(await header('/')).toBe(ONION + '/');
		expect(await header('/report?step=2')).toBe(ONION + '/report?step=2');
		expect(await header('/privacy')).toBe(ONION + '/privacy');
		expect(await header('/staff/login')).toBeUndefined();
		expect(await header('/api/v1/unit-key')).toBeUndefined();
		expect(await header('/robots.txt')).toBeUndefined();
	});
});

test('Onion-Location is not sent over plain HTTP, and a malformed ONION_ORIGIN stops the start with a sentence', async ({
	request
}) => {
	const plain = await startPortal({ ONION_ORIGIN: ONION });
	try {
		expect((await request.get(plain.url + '/')).headers()['onion-location']).toBeUndefined();
	} finally {
		await plain.close();
	}
	await expect(startPortal({ ONION_ORIGIN: 'http://example.onion' })).rejects.toThrow(
		/Cannot start: ONION_ORIGIN must be the onion service's address.*not a v3 onion address/
	);
	await expect(
		startPortal({ XFF_DEPTH: 'two', ADDRESS_HEADER: 'x-forwarded-for' })
	).rejects.toThrow(/Cannot start: XFF_DEPTH must be a whole number/);
});
