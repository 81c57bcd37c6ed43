/**
 * verify-site's page check: every script and style a public page loads must be a file of the
 * release carrying its integrity, every module its inline script imports must be covered by
 * integrity too, and its policy must not let scripts in from anywhere else.
 */

const attr = (/** @type {string} */ tag, /** @type {string} */ name) =>
	new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1] ?? null;

/**
 * @param {(line: string) => void} fail
 * @param {(url: string) => Promise<{ res: Response, bytes: Uint8Array }>} get
 * @param {string} origin
 * @param {string} path
 * @param {Record<string, string>} files
 */
export async function checkPage(fail, get, origin, path, files) {
	const { res, bytes } = await get(origin + path);
	if (res.status !== 200) {
		fail(`page ${path}: answered ${res.status}`);
		return;
	}
	const html = new TextDecoder().decode(bytes);
	const where = `page ${path}`;
	/** @type {Set<string>} */
	const covered = new Set();
	let linked = 0;

	const expectIntegrity = (/** @type {string} */ tag, /** @type {string | null} */ ref) => {
		if (!ref) {
			return;
		}
		const url = new URL(ref, origin + path);
		if (url.origin !== origin) {
			fail(`${where}: loads ${url.href} from another origin`);
			return;
		}
		linked++;
		const hash = files[url.pathname];
		const integrity = attr(tag, 'integrity');
		if (!hash) {
			fail(`${where}: ${url.pathname} is not a file of the release`);
		} else if (integrity !== hash) {
			fail(
				`${where}: ${url.pathname} ${integrity ? 'has the wrong integrity' : 'has no integrity'}`
			);
		} else {
			covered.add(url.pathname);
		}
	};

	for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
		const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
		if (rel.some((r) => ['stylesheet', 'modulepreload', 'preload'].includes(r))) {
			expectIntegrity(tag, attr(tag, 'href'));
		}
	}
	for (const match of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)) {
		const [, tag, body] = match;
		if (attr(tag, 'src')) {
			expectIntegrity(tag, attr(tag, 'src'));
		} else if ((attr(tag, 'type') ?? '').toLowerCase() === 'importmap') {
			checkImportMap(fail, where, body, files, covered);
		} else {
			for (const [, ref] of body.matchAll(/import\(\s*"([^"]+)"\s*\)/g)) {
				const url = new URL(ref, origin + path);
				if (!files[url.pathname]) {
					fail(`${where}: its script imports ${url.pathname}, not a file of the release`);
				} else if (!covered.has(url.pathname)) {
					fail(`${where}: its script imports ${url.pathname} with no integrity`);
				}
			}
		}
	}
	for (const entry of (res.headers.get('link') ?? '').matchAll(/<([^>]*)>/g)) {
		fail(`${where}: the Link header preloads ${entry[1]}, which cannot carry integrity`);
	}
	const scriptSrc = /script-src([^;]*)/.exec(res.headers.get('content-security-policy') ?? '');
	if (!scriptSrc) {
		fail(`${where}: no Content-Security-Policy script-src`);
	} else if (/'unsafe-inline'|'unsafe-eval'|https?:|\*/.test(scriptSrc[1])) {
		fail(
			`${where}: its Content-Security-Policy lets scripts in from elsewhere: ${scriptSrc[1].trim()}`
		);
	}
	console.log(`${where}: ${linked} scripts and styles checked`);
}

/**
 * @param {(line: string) => void} fail
 * @param {string} where
 * @param {string} body
 * @param {Record<string, string>} files
 * @param {Set<string>} covered
 */
function checkImportMap(fail, where, body, files, covered) {
	/** @type {Record<string, string>} */
	let integrity;
	try {
		integrity = JSON.parse(body).integrity ?? {};
	} catch {
		fail(`${where}: its import map is not JSON`);
		return;
	}
	for (const [path, hash] of Object.entries(integrity)) {
		if (files[path] !== hash) {
			fail(`${where}: its import map gives ${path} an integrity the release does not`);
		} else {
			covered.add(path);
		}
	}
}
