import { expect, test, type APIRequestContext } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { watchPageErrors } from '../support/page-errors';
import { installUnitKey } from '../support/unit-keyring';
import {
	manifestBytes,
	parseManifest,
	releasePublicKey,
	releaseSodium,
	signManifest
} from '../../src/lib/server/integrity/site-manifest.js';
import { BUILD_DIR } from '../../scripts/build-if-stale.js';
import { startPortal, type Portal } from './support/portal';

/**
 * Subresource Integrity and the signed site manifest (docs/security.md, "Altered scripts"), on
 * the built server: every script and style a public page loads carries the SHA-384 of the bytes
 * served, a browser refuses a file changed after the build, and verify-site tells a portal
 * serving its release from one that does not.
 */

const PUBLIC_PAGES = ['/', '/report', '/status', '/warnings', '/privacy'];
const sha384 = (bytes: Uint8Array) =>
	'sha384-' + createHash('sha384').update(bytes).digest('base64');
const attr = (tag: string, name: string) =>
	new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1] ?? null;

async function served(request: APIRequestContext, url: string) {
	const res = await request.get(url);
	expect(res.status(), url).toBe(200);
	return new Uint8Array(await res.body());
}

/** A copy of the build to change, removed after the spec. Beside the real one (ignored by git),
 * so the server finds its packages in node_modules as the real build does. */
const copies: string[] = [];
test.afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function copyOfBuild() {
	const dir = mkdtempSync(resolve(`${BUILD_DIR}-altered-`));
	copies.push(dir);
	cpSync(resolve(BUILD_DIR), dir, { recursive: true });
	return dir;
}

/** Appends `text` to a served file of the build, and drops its compressed copies so the changed
 * file is what every browser gets. */
function tamper(buildDir: string, urlPath: string, text: string) {
	const file = join(buildDir, 'client', urlPath);
	writeFileSync(file, readFileSync(file, 'utf8') + text);
	rmSync(file + '.br');
	rmSync(file + '.gz');
}

/** Appends a statement to the app's start module. Returns its URL path. */
function tamperWithStart(buildDir: string) {
	const entry = join(buildDir, 'client/_app/immutable/entry');
	const start = readdirSync(entry).find((f) => /^start\..*\.js$/.test(f))!;
	const path = `/_app/immutable/entry/${start}`;
	tamper(buildDir, path, '\nglobalThis.__tampered = true;\n');
	return path;
}

/** The altered build served with the release's integrity, then with none (no manifest): what the
 * first refuses, the second must let through, or the first check could not fail. */
async function withAndWithoutIntegrity(
	build: string,
	guarded: (portal: Portal) => Promise<void>,
	unguarded: (portal: Portal) => Promise<void>
) {
	for (const [env, check] of [
		[{ BUILD_DIR: build }, guarded],
		[{ BUILD_DIR: build, SITE_MANIFEST_FILE: join(build, 'none') }, unguarded]
	] as const) {
		const portal = await startPortal(env);
		try {
			await check(portal);
		} finally {
			await portal.close();
		}
	}
}

function verifySite(url: string, ...args: string[]) {
	const run = spawnSync(process.execPath, ['scripts/verify-site.js', url, ...args], {
		encoding: 'utf8'
	});
	return { status: run.status, output: run.stdout + run.stderr };
}

test('every script and style on every public page carries the SHA-384 of the bytes served', async ({
	request,
	page
}) => {
	test.setTimeout(120_000);
	const portal = await startPortal();
	try {
		await installUnitKey(portal.dbPath);
		for (const path of PUBLIC_PAGES) {
			const res = await request.get(portal.url + path);
			const html = await res.text();
			// A Link-header preload cannot carry integrity; none may be left.
			expect(res.headers()['link'], path).toBeUndefined();
			// The policy stays strict: scripts only from here, inline ones only by this page's nonce.
			expect(res.headers()['content-security-policy']).toMatch(
				/script-src 'self' 'wasm-unsafe-eval' 'nonce-[^']+';/
			);
			const tags = [
				...(html.match(/<link\b[^>]*>/gi) ?? []).filter((t) =>
					/rel="(stylesheet|modulepreload)"/.test(t)
				),
				...(html.match(/<script\b[^>]*\bsrc="[^"]*"[^>]*>/gi) ?? [])
			];
			expect(tags.some((t) => t.includes('modulepreload'))).toBe(true);
			expect(tags.some((t) => t.includes('stylesheet'))).toBe(true);
			for (const tag of tags) {
				const ref = attr(tag, 'href') ?? attr(tag, 'src')!;
				expect(attr(tag, 'integrity'), `${path}: ${tag}`).toBe(
					sha384(await served(request, portal.url + ref))
				);
			}
			// Modules imported later (client navigation, libsodium) are covered by the import map.
			const map = /<script type="importmap" nonce="[^"]+">(.*?)<\/script>/.exec(html);
			const integrity: Record<string, string> = JSON.parse(map![1]).integrity;
			expect(Object.keys(integrity).length).toBeGreaterThan(10);
			if (path === '/report') {
				for (const [ref, hash] of Object.entries(integrity)) {
					expect(hash, ref).toBe(sha384(await served(request, portal.url + ref)));
				}
			}
		}
		// And the pages still run: the import map and preloads are accepted under the policy.
		const errors = watchPageErrors(page);
		for (const path of PUBLIC_PAGES) {
			await page.goto(portal.url + path);
			await expect(page.getByRole('link', { name: 'Leave this site quickly' })).toBeVisible();
		}
		await page.goto(portal.url + '/report');
		await expect(page.getByRole('button', { name: 'Continue' }).first()).toBeVisible();
		expect(errors).toEqual([]);
	} finally {
		await portal.close();
	}
});

test('a script changed after the build is refused by the browser; without integrity it would run', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const build = copyOfBuild();
	const changed = tamperWithStart(build);
	const run = async (portal: Portal) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		const console: string[] = [];
		page.on('console', (m) => console.push(m.text()));
		await page.goto(portal.url + '/report');
		await expect(page.getByRole('heading', { name: 'Make a report' })).toBeVisible();
		// Let the page's module loads settle before reading what ran.
		await page.waitForLoadState('networkidle');
		const ran = await page.evaluate(() => (globalThis as { __tampered?: boolean }).__tampered);
		await context.close();
		return { ran, console: console.join('\n') };
	};

	await withAndWithoutIntegrity(
		build,
		async (portal) => {
			const seen = await run(portal);
			expect(seen.ran).toBeUndefined();
			expect(seen.console).toMatch(/integrity/i);
			expect(seen.console).toContain(changed);
		},
		async (portal) => {
			expect((await run(portal)).ran).toBe(true);
			// verify-site reads the pages too: integrity missing from them is a failure of its own.
			const check = verifySite(portal.url);
			expect(check.output).toMatch(/FAIL page \/report: \/_app\/\S+ has no integrity/);
			expect(check.output).toContain(
				`FAIL ${changed} (identity): served bytes differ from the release`
			);
			expect(check.status).toBe(1);
		}
	);
});

test('a stylesheet loaded during in-page navigation carries integrity, and a changed one is refused', async ({
	browser,
	request
}) => {
	test.setTimeout(120_000);
	const build = copyOfBuild();
	// A stylesheet the privacy page has and the home page has not: in-page navigation from the
	// home page makes the app's own loader add it to the head.
	const styles = async (portal: Portal, path: string) =>
		((await (await request.get(portal.url + path)).text()).match(/<link\b[^>]*>/gi) ?? [])
			.filter((t) => /rel="stylesheet"/.test(t))
			.map((t) => attr(t, 'href')!);
	const probe = await startPortal({ BUILD_DIR: build });
	let changed: string;
	let release: string;
	try {
		const home = await styles(probe, '/');
		changed = (await styles(probe, '/privacy')).find((href) => !home.includes(href))!;
		expect(changed).toMatch(/^\/_app\/immutable\/assets\/.*\.css$/);
		release = sha384(await served(request, probe.url + changed));
	} finally {
		await probe.close();
	}
	tamper(build, changed, '\nhtml{--tampered:1}\n');

	const run = async (portal: Portal) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		const console: string[] = [];
		page.on('console', (m) => console.push(m.text()));
		await page.goto(portal.url + '/');
		await page.getByRole('link', { name: 'Privacy', exact: true }).click();
		await expect(
			page.getByRole('heading', { name: 'What can be seen, and by whom' })
		).toBeVisible();
		await page.waitForLoadState('networkidle');
		const seen = await page.evaluate((href) => {
			const link = document.querySelector<HTMLLinkElement>(`link[href$="${href}"]`);
			return {
				integrity: link?.integrity ?? null,
				tampered: getComputedStyle(document.documentElement).getPropertyValue('--tampered')
			};
		}, changed);
		await context.close();
		return { ...seen, console: console.join('\n') };
	};

	await withAndWithoutIntegrity(
		build,
		async (portal) => {
			const seen = await run(portal);
			expect(seen.integrity).toBe(release);
			expect(seen.tampered).toBe('');
			expect(seen.console).toMatch(/integrity/i);
			expect(seen.console).toContain(changed);
		},
		async (portal) => expect((await run(portal)).tampered.trim()).toBe('1')
	);
});

test('verify-site passes against the release as built and signed, and fails when one served file changes', async () => {
	test.setTimeout(180_000);
	const sodium = await releaseSodium();
	const releaseKey = sodium.to_base64(sodium.crypto_sign_keypair().privateKey);
	const otherKey = sodium.to_base64(sodium.crypto_sign_keypair().privateKey);
	const publicKey = await releasePublicKey(releaseKey);

	// The release: this build's manifest, signed as `npm run build` signs it with a key.
	const build = copyOfBuild();
	const manifestFile = join(build, 'client/.well-known/safereport-manifest.json');
	const manifest = { ...parseManifest(readFileSync(manifestFile)), signed: true };
	const bytes = manifestBytes(manifest);
	writeFileSync(manifestFile, bytes);
	writeFileSync(manifestFile + '.sig', (await signManifest(bytes, releaseKey)) + '\n');

	const portal = await startPortal({ BUILD_DIR: build });
	try {
		const good = verifySite(portal.url, '--public-key', publicKey);
		expect(good.output).toContain('signature: valid for the given release public key');
		expect(good.output).toMatch(/files: (\d+) of \1 match/);
		expect(good.output).toContain('VERIFIED');
		expect(good.status).toBe(0);

		const wrongKey = verifySite(portal.url, '--public-key', await releasePublicKey(otherKey));
		expect(wrongKey.output).toContain('does not match the release public key');
		expect(wrongKey.status).toBe(1);
	} finally {
		await portal.close();
	}

	const changed = tamperWithStart(build);
	const altered = await startPortal({ BUILD_DIR: build });
	try {
		const bad = verifySite(altered.url, '--public-key', publicKey);
		expect(bad.output).toContain(
			`FAIL ${changed} (identity): served bytes differ from the release`
		);
		expect(bad.output).toContain('NOT VERIFIED');
		expect(bad.status).toBe(1);
	} finally {
		await altered.close();
	}
	expect(verifySite('not an origin').status).toBe(2);
});
