/**
 * Subresource Integrity for a rendered page: every script and stylesheet it links, and every
 * module it may import later, carries the SHA-384 of the published build (the site manifest), so
 * a browser refuses a file that differs from the release, whoever changed it.
 *
 * SvelteKit sends a page's module preloads only as a `Link` header, which cannot carry integrity,
 * and a module fetched by such a preload is used as it is by the page's import. So those preloads
 * move into the page as `<link rel="modulepreload" integrity>`, the style preloads are dropped
 * (the page's own stylesheet links carry the integrity), an import map lists the integrity of
 * every module, for the chunks a page imports only later (client navigation, libsodium), and a
 * small script gives the stylesheets added later their integrity (style-guard.ts).
 */

import { styleGuardScript } from './style-guard';

export type IntegrityTable = ReadonlyMap<string, string>;

export interface PageIntegrity {
	html: string;
	/** The Link header to send instead, or null for none. */
	link: string | null;
}

const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const attr = (tag: string, name: string) =>
	new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1] ?? null;

/** Adds integrity to one `<link>` or `<script src>` tag, if it loads a file of the release. */
function withIntegrity(tag: string, url: string | null, table: IntegrityTable): string {
	if (!url || attr(tag, 'integrity') !== null) {
		return tag;
	}
	const hash = table.get(url);
	return hash ? tag.replace(/\s*\/?>$/, (end) => ` integrity="${hash}"${end}`) : tag;
}

interface LinkEntry {
	url: string;
	params: string;
}

function parseLinkHeader(header: string): LinkEntry[] {
	const entries: LinkEntry[] = [];
	for (const match of header.matchAll(/<([^>]*)>([^,]*)/g)) {
		entries.push({ url: decodeURI(match[1]), params: match[2] });
	}
	return entries;
}

const isModulePreload = (e: LinkEntry) => /rel="?modulepreload"?/i.test(e.params);
const isStylePreload = (e: LinkEntry) =>
	/rel="?preload"?/i.test(e.params) && /as="?style"?/i.test(e.params);

/**
 * @param html the page as SvelteKit rendered it
 * @param link its Link header, if any
 * @param nonce the CSP nonce of the page's scripts (the import map is an inline script)
 */
export function addPageIntegrity(
	html: string,
	link: string | null,
	nonce: string | null,
	table: IntegrityTable
): PageIntegrity {
	let page = html.replace(/<link\b[^>]*>/gi, (tag) => {
		const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
		const loads = rel.includes('stylesheet') || rel.includes('modulepreload');
		return loads ? withIntegrity(tag, attr(tag, 'href'), table) : tag;
	});
	page = page.replace(/<script\b[^>]*>/gi, (tag) => withIntegrity(tag, attr(tag, 'src'), table));

	const entries = link ? parseLinkHeader(link) : [];
	const preloads = entries.filter(isModulePreload).map((e) => e.url);
	const kept = entries.filter((e) => !isModulePreload(e) && !isStylePreload(e));

	const head: string[] = [];
	if (nonce) {
		head.push(importMap(table, nonce), styleGuardScript(table, nonce, escapeAttr));
	}
	for (const url of preloads) {
		head.push(withIntegrity(`<link rel="modulepreload" href="${escapeAttr(url)}">`, url, table));
	}
	if (head.length > 0) {
		page = page.replace(/<\/head>/i, (end) => `${head.join('\n\t\t')}\n\t${end}`);
	}
	return {
		html: page,
		link: kept.length ? kept.map((e) => `<${encodeURI(e.url)}>${e.params}`).join(',') : null
	};
}

/** Integrity for every module of the release, by URL, the page's own preloads included: the
 * page's bootstrap may import a module before its preload has settled, and that import is then
 * a fetch of its own, which only the import map's integrity guards. */
function importMap(table: IntegrityTable, nonce: string): string {
	const integrity: Record<string, string> = {};
	for (const [url, hash] of table) {
		if (url.endsWith('.js')) {
			integrity[url] = hash;
		}
	}
	// `<` cannot end the script early once escaped; JSON reads \u003c as "<".
	const json = JSON.stringify({ integrity }).replace(/</g, '\\u003c');
	return `<script type="importmap" nonce="${escapeAttr(nonce)}">${json}</script>`;
}

/** The nonce a Content-Security-Policy gives scripts, if it gives one. */
export const scriptNonce = (csp: string | null): string | null =>
	csp ? (/script-src[^;]*'nonce-([^']+)'/.exec(csp)?.[1] ?? null) : null;
