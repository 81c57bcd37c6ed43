import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { findChromium } from '../chromium-path.js';
import { startBuiltPortal } from './lib/server.js';

/** JavaScript each public page makes the browser load (gzip bytes), from the production build,
 * with every language built in: the home page is measured in English and in Bulgarian (the
 * longest words), and both must stay within the budget. */
export const name = 'public-js';

const PAGES = ['/', '/bg', '/report', '/status', '/privacy', '/warnings'];
const HOME = new Set(['/', '/bg']);
const HOME_BUDGET = 60 * 1024;
// A string only libsodium's code contains.
const LIBSODIUM_MARK = 'crypto_aead_xchacha20poly1305_ietf_encrypt';

export async function run() {
	const portal = await startBuiltPortal();
	const browser = await chromium.launch({
		executablePath: findChromium(),
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run']
	});
	let ok = true;
	try {
		console.log('page        files   JS (gzip)   libsodium');
		for (const path of PAGES) {
			const context = await browser.newContext();
			const page = await context.newPage();
			/** @type {Promise<{ gzip: number, sodium: boolean }>[]} */
			const scripts = [];
			page.on('response', (response) => {
				const type = response.headers()['content-type'] ?? '';
				if (!type.includes('javascript')) {
					return;
				}
				scripts.push(
					response.body().then((body) => ({
						gzip: gzipSync(body, { level: 9 }).length,
						sodium: body.includes(LIBSODIUM_MARK)
					}))
				);
			});
			await page.goto(portal.url + path, { waitUntil: 'networkidle' });
			await page.waitForTimeout(500);
			const loaded = await Promise.all(scripts);
			const total = loaded.reduce((n, s) => n + s.gzip, 0);
			const sodium = loaded.some((s) => s.sodium);
			console.log(
				`${path.padEnd(10)} ${String(loaded.length).padStart(6)} ${(total / 1024).toFixed(1).padStart(8)} KB   ${sodium ? 'yes' : 'no'}`
			);
			if (HOME.has(path) && (total > HOME_BUDGET || sodium)) {
				ok = false;
			}
			await context.close();
		}
		console.log(
			ok
				? `"/" and "/bg" are within ${HOME_BUDGET / 1024} KB and load no libsodium.`
				: `"/" or "/bg" is over ${HOME_BUDGET / 1024} KB or loads libsodium.`
		);
	} finally {
		await browser.close();
		portal.stop();
	}
	return ok;
}
