import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addPageIntegrity, scriptNonce } from '../../src/lib/server/integrity/page-integrity';
import { NOTHING_MATCHES } from '../../src/lib/server/integrity/style-guard';
import {
	makeManifest,
	manifestBytes,
	manifestSignatureValid,
	parseManifest,
	releasePublicKey,
	releaseSodium,
	signManifest
} from '../../src/lib/server/integrity/site-manifest.js';

const sha384 = (text: string) => 'sha384-' + createHash('sha384').update(text).digest('base64');

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A build's client folder holding `files`. */
function clientDir(files: Record<string, string>) {
	const dir = mkdtempSync(join(tmpdir(), 'safereport-manifest-'));
	folders.push(dir);
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(join(dir, path, '..'), { recursive: true });
		writeFileSync(join(dir, path), text);
	}
	return dir;
}

describe('the site manifest', () => {
	it('lists every served file with the SHA-384 of its bytes, not compressed copies or itself', () => {
		const dir = clientDir({
			'_app/immutable/entry/start.js': 'export const a = 1;',
			'_app/immutable/entry/start.js.br': 'compressed',
			'_app/immutable/assets/0.css': 'body{}',
			'robots.txt': 'User-agent: *',
			'.well-known/safereport-manifest.json': '{}'
		});
		const manifest = makeManifest({ clientDir: dir, version: '1.2.3', signed: false });
		expect(manifest.files).toEqual({
			'/_app/immutable/assets/0.css': sha384('body{}'),
			'/_app/immutable/entry/start.js': sha384('export const a = 1;'),
			'/robots.txt': sha384('User-agent: *')
		});
		expect(manifest.version).toBe('1.2.3');
		expect(parseManifest(manifestBytes(manifest))).toEqual(manifest);
	});

	it('refuses what is not a manifest', () => {
		expect(() => parseManifest('not json')).toThrow(/not JSON/);
		expect(() => parseManifest('{"format":"other","v":1,"files":{}}')).toThrow(/not a/);
		expect(() =>
			parseManifest(
				JSON.stringify({ format: 'safereport-site-manifest', v: 1, files: { '/a': 'md5-x' } })
			)
		).toThrow(/not a/);
	});

	it('is signed with the release key, and a changed byte or another key fails the check', async () => {
		const sodium = await releaseSodium();
		const release = sodium.to_base64(sodium.crypto_sign_keypair().privateKey);
		const other = sodium.to_base64(sodium.crypto_sign_keypair().privateKey);
		const dir = clientDir({ 'a.js': 'x' });
		const bytes = manifestBytes(makeManifest({ clientDir: dir, version: '1', signed: true }));
		const signature = await signManifest(bytes, release);
		const publicKey = await releasePublicKey(release);
		expect(await manifestSignatureValid(bytes, signature, publicKey)).toBe(true);
		const changed = bytes.slice();
		changed[changed.length - 3] ^= 1;
		expect(await manifestSignatureValid(changed, signature, publicKey)).toBe(false);
		expect(await manifestSignatureValid(bytes, signature, await releasePublicKey(other))).toBe(
			false
		);
		expect(await manifestSignatureValid(bytes, 'garbage', publicKey)).toBe(false);
		await expect(signManifest(bytes, 'c2hvcnQ')).rejects.toThrow(/64 bytes/);
	});
});

describe('Subresource Integrity on a page', () => {
	const table = new Map([
		['/_app/a.css', sha384('a')],
		['/_app/start.js', sha384('s')],
		['/_app/chunk.js', sha384('c')],
		['/_app/later.js', sha384('l')]
	]);
	const page = `<!doctype html><html><head>
<link rel="icon" href="/favicon.svg">
<link href="/_app/a.css" rel="stylesheet">
<link href="/elsewhere.css" rel="stylesheet">
</head><body><script src="/_app/chunk.js"></script><script nonce="n1">import("/_app/start.js")</script></body></html>`;
	const link =
		'</_app/a.css>; rel="preload"; as="style"; nopush, </_app/start.js>; rel="modulepreload"; nopush, </_app/chunk.js>; rel="modulepreload"; nopush, </font.woff2>; rel="preload"; as="font"; crossorigin; nopush';

	it('puts the release hash on each stylesheet and script, and moves module preloads into the page', () => {
		const out = addPageIntegrity(page, link, 'n1', table);
		expect(out.html).toContain(
			`<link href="/_app/a.css" rel="stylesheet" integrity="${sha384('a')}">`
		);
		expect(out.html).toContain(`<script src="/_app/chunk.js" integrity="${sha384('c')}">`);
		expect(out.html).toContain(
			`<link rel="modulepreload" href="/_app/start.js" integrity="${sha384('s')}">`
		);
		expect(out.html).toContain(
			`<link rel="modulepreload" href="/_app/chunk.js" integrity="${sha384('c')}">`
		);
		// Not a file of the release, and not a script or style: left as they are.
		expect(out.html).toContain('<link href="/elsewhere.css" rel="stylesheet">');
		expect(out.html).toContain('<link rel="icon" href="/favicon.svg">');
		// A Link-header preload cannot carry integrity: only what is not a script or style stays.
		expect(out.link).toBe('</font.woff2>; rel="preload"; as="font"; crossorigin; nopush');
	});

	it('lists every module, preloaded ones too, in an import map under the page nonce, before the preloads', () => {
		const out = addPageIntegrity(page, link, 'n1', table);
		const map = /<script type="importmap" nonce="n1">(.*?)<\/script>/.exec(out.html);
		// A preloaded module is in the map too: the page may import it before its preload settles,
		// and that import is a fetch of its own that only the map's integrity guards.
		expect(JSON.parse(map![1]).integrity).toMatchObject({
			'/_app/start.js': sha384('s'),
			'/_app/chunk.js': sha384('c'),
			'/_app/later.js': sha384('l')
		});
		expect(out.html.indexOf('importmap')).toBeLessThan(out.html.indexOf('rel="modulepreload"'));
		expect(out.html.indexOf('importmap')).toBeLessThan(out.html.indexOf('</head>'));
		// Without a nonce the import map could not run under the CSP: it is left out.
		expect(addPageIntegrity(page, link, null, table).html).not.toContain('importmap');
	});

	it('gives a stylesheet added later the release hash, and one not in the release a hash nothing matches', () => {
		const out = addPageIntegrity(page, link, 'n1', table);
		const guard = /<script nonce="n1">(\(function[\s\S]*?)<\/script>/.exec(out.html);
		expect(guard).not.toBeNull();
		expect(out.html.indexOf(guard![0])).toBeLessThan(out.html.indexOf('</head>'));

		// The script as the browser runs it, against a head and links of its own.
		class Link {
			integrity = '';
			constructor(
				public href: string,
				private rel = 'stylesheet'
			) {}
			relList = { contains: (r: string) => this.rel.split(' ').includes(r) };
		}
		const added: Link[] = [];
		const head = { appendChild: (node: Link) => (added.push(node), node) };
		new Function('document', 'HTMLLinkElement', 'location', guard![1])(
			{ head },
			Link,
			new URL('https://portal.example/status')
		);
		const add = (node: Link) => (head.appendChild as (n: Link) => Link)(node);
		add(new Link('https://portal.example/_app/a.css'));
		add(new Link('https://portal.example/_app/injected.css'));
		add(new Link('https://elsewhere.example/_app/a.css'));
		add(new Link('https://portal.example/_app/start.js', 'modulepreload'));
		expect(added.map((l) => l.integrity)).toEqual([sha384('a'), NOTHING_MATCHES, '', '']);
		// Well-formed (a browser ignores what it cannot parse), and no file's hash.
		expect(NOTHING_MATCHES).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
	});

	it('keeps an integrity a tag already has, and reads the nonce from the policy', () => {
		const tagged = '<head><script src="/_app/start.js" integrity="sha384-other"></script></head>';
		expect(addPageIntegrity(tagged, null, null, table).html).toBe(tagged);
		expect(scriptNonce("script-src 'self' 'nonce-abc+/=='; style-src 'self'")).toBe('abc+/==');
		expect(scriptNonce("script-src 'self'; style-src 'nonce-x'")).toBeNull();
		expect(scriptNonce(null)).toBeNull();
	});
});
