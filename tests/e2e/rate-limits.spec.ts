import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoAxeViolations, screenshotAtWidths } from './support/page-checks';
import { portalWithUnitKey } from './support/unit-portal';

/**
 * The per-address budgets of README "Rate limits", through the built server. The client address
 * comes from adapter-node's own ADDRESS_HEADER setting, so each test can speak from addresses of
 * its choosing; the portal itself stores and logs none of them.
 */
const ctx = portalWithUnitKey({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
/** The no-JavaScript forms' budget: README "Rate limits". */
const NO_JS_BUDGET = 20;

/** A no-JavaScript "Add another phone number" post to /report from `address`: its status. */
async function addPhone(request: APIRequestContext, address: string) {
	const res = await request.post(ctx.portal.url + '/report', {
		headers: { origin: ctx.portal.url, 'x-forwarded-for': address },
		form: { intent: 'add_phone' }
	});
	return { status: res.status(), res };
}

test('the no-JavaScript report form is refused with a clear page after its budget; the JSON API is not', async ({
	browser,
	request
}) => {
	const address = '2001:db8:aa:1::1';
	for (let i = 0; i < NO_JS_BUDGET - 1; i++) {
		expect((await addPhone(request, address)).status).toBe(200);
	}
	// The last allowed post and the first refused one, as a reporter without JavaScript sees them.
	const context = await browser.newContext({
		javaScriptEnabled: false,
		extraHTTPHeaders: { 'x-forwarded-for': address }
	});
	const page = await context.newPage();
	await page.goto(ctx.portal.url + '/report');
	await page.getByRole('button', { name: 'Add another phone number' }).click();
	await expect(page.getByRole('heading', { name: 'Make a report' })).toBeVisible();
	await page.getByRole('button', { name: 'Add another phone number' }).click();
	await expect(page.getByRole('heading', { name: 'Please wait a few minutes' })).toBeVisible();
	await expect(page.getByText('Please wait 10 minutes, then go back')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Leave this site quickly' })).toHaveAttribute(
		'href',
		/^https:\/\//
	);
	await screenshotAtWidths(page, 'rate-limits', 'wait-page');
	await context.close();

	const refused = await addPhone(request, address);
	expect(refused.status).toBe(429);
	expect(refused.res.headers()['retry-after']).toMatch(/^\d+$/);
	expect(refused.res.headers()['content-type']).toContain('text/html');
	// axe needs JavaScript, which the page itself never runs: check the same markup in a page that can.
	const checking = await browser.newContext();
	const checker = await checking.newPage();
	await checker.setContent(await refused.res.text());
	await expectNoAxeViolations(checker, 'the wait page');
	await checking.close();
	// The status page's no-JavaScript actions spend the same budget.
	const status = await request.post(ctx.portal.url + '/status?/check', {
		headers: { origin: ctx.portal.url, 'x-forwarded-for': address },
		form: { code: 'not a code' }
	});
	expect(status.status()).toBe(429);

	// The JSON API keeps its own budget: a bad lookup is still answered as a bad lookup.
	const api = await request.post(ctx.portal.url + '/api/v1/status', {
		headers: { 'x-forwarded-for': address },
		data: { lookup: 'nothing' }
	});
	expect(api.status()).toBe(400);
	expect((await api.json()).error.code).not.toBe('rate_limited');
});

test('addresses in one IPv6 /64 share a budget; the next /64 has its own', async ({ request }) => {
	for (let i = 0; i < NO_JS_BUDGET; i++) {
		// A fresh address every time, all inside 2001:db8:bb:1::/64.
		expect((await addPhone(request, `2001:db8:bb:1:${i.toString(16)}::1`)).status).toBe(200);
	}
	expect((await addPhone(request, '2001:db8:bb:1:ffff:ffff:ffff:fffe')).status).toBe(429);
	expect((await addPhone(request, '2001:db8:bb:2::1')).status).toBe(200);
	// An IPv4 client seen through a dual-stack socket is that IPv4 address.
	for (let i = 0; i < NO_JS_BUDGET; i++) {
		expect((await addPhone(request, '203.0.113.9')).status).toBe(200);
	}
	expect((await addPhone(request, '::ffff:203.0.113.9')).status).toBe(429);
});
