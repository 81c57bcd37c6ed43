import { expect, test } from '@playwright/test';
import { startPortal, type Portal } from './support/portal';

let portal: Portal;
test.beforeAll(async () => {
	portal = await startPortal();
});
test.afterAll(async () => {
	await portal.stop();
});

function directives(csp: string): Map<string, string[]> {
	return new Map(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...values]) => [name, values])
	);
}

test('the JSON API answers with the same baseline, success and refusal alike', async ({
	request
}) => {
	const answers = [
		await request.get(portal.url + '/api/v1/pow'),
		await request.post(portal.url + '/api/v1/status', {
			headers: { origin: portal.url },
			data: { lookup: 'not-a-code' }
		})
	];
	expect(answers.map((res) => res.status())).toEqual([200, 400]);
	for (const res of answers) {
		const h = res.headers();
		expect(h['referrer-policy']).toBe('no-referrer');
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['x-frame-options']).toBe('DENY');
		expect(h['cross-origin-resource-policy']).toBe('same-origin');
		expect(h['cache-control']).toBe('no-store');
		expect(h['permissions-policy']).toContain('camera=()');
	}
});

test('every page answers with the security headers, directive by directive', async ({
	request
}) => {
	for (const path of ['/', '/staff/login', '/no-such-page']) {
		const res = await request.get(portal.url + path, { maxRedirects: 0 });
		const h = res.headers();
		expect(h['referrer-policy'], path).toBe('no-referrer');
		expect(h['x-content-type-options'], path).toBe('nosniff');
		expect(h['x-frame-options'], path).toBe('DENY');
		expect(h['cross-origin-opener-policy'], path).toBe('same-origin');
		expect(h['cross-origin-resource-policy'], path).toBe('same-origin');
		expect(h['cache-control'], path).toBe('no-store');
		expect(h['permissions-policy'], path).toContain('camera=()');
		expect(h['permissions-policy'], path).toContain('geolocation=()');
		expect(h['set-cookie'], path).toBeUndefined();
		// HSTS only behind TLS: this portal is plain http on loopback.
		expect(h['strict-transport-security'], path).toBeUndefined();
		if (res.status() === 404) {
			continue;
		}

		const csp = directives(h['content-security-policy'] ?? '');
		expect(csp.get('default-src')).toEqual(["'self'"]);
		const scripts = csp.get('script-src') ?? [];
		expect(scripts).toContain("'self'");
		expect(scripts).toContain("'wasm-unsafe-eval'");
		expect(scripts).not.toContain("'unsafe-inline'");
		expect(scripts).not.toContain("'unsafe-eval'");
		expect(scripts.filter((s) => !["'self'", "'wasm-unsafe-eval'"].includes(s))).toEqual(
			scripts.filter((s) => /^'(nonce|sha256)-/.test(s))
		);
		expect(csp.get('style-src')).toEqual(["'self'"]);
		expect(csp.get('connect-src')).toEqual(["'self'"]);
		expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
		expect(csp.get('form-action')).toEqual(["'self'"]);
		expect(csp.get('object-src')).toEqual(["'none'"]);
		expect(csp.get('base-uri')).toEqual(["'none'"]);
		expect(csp.get('img-src')).toEqual(["'self'", 'blob:']);
	}
});

test('an unknown page is a plain 404 without a stack trace', async ({ request }) => {
	const res = await request.get(portal.url + '/no-such-page');
	expect(res.status()).toBe(404);
	const body = await res.text();
	expect(body).not.toMatch(/at .*\.js:\d+|node_modules|Error:/);
});

test('the quick-exit link is first in keyboard order and leaves with Enter', async ({ page }) => {
	// Stand in for the neutral site, which this machine cannot reach.
	await page.route('https://www.bbc.co.uk/**', (route) =>
		route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' })
	);
	// Wait for hydration: before it, the link still works, but as a plain link that leaves history.
	await page.goto(portal.url + '/', { waitUntil: 'networkidle' });
	await page.keyboard.press('Tab');
	const exit = page.getByRole('link', { name: 'Leave this site quickly' });
	await expect(exit).toBeFocused();
	await expect(exit).toHaveAttribute('rel', /noreferrer/);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
	// location.replace: the portal is not left in the history behind the neutral page.
	await page.goBack().catch(() => undefined);
	expect(page.url()).not.toContain(portal.url);
});

test('pressing Shift three times leaves the site', async ({ page }) => {
	await page.route('https://www.bbc.co.uk/**', (route) =>
		route.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' })
	);
	await page.goto(portal.url + '/', { waitUntil: 'networkidle' });
	for (let i = 0; i < 3; i++) {
		await page.keyboard.press('Shift');
	}
	await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
});

test('the quick-exit link works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.route('https://www.bbc.co.uk/**', (route) =>
		route.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' })
	);
	await page.goto(portal.url + '/');
	await page.getByRole('link', { name: 'Leave this site quickly' }).click();
	await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
	await context.close();
});
