import type { IntegrityTable } from './page-integrity';

/**
 * Stylesheets a page adds after it has loaded carry the release's integrity too. On in-page
 * navigation, Vite's module loader adds the next page's stylesheets as `<link>` elements it makes
 * itself, without integrity, and neither the page's tags nor the import map (modules only) cover
 * them. This runs in the page before anything else and gives each such link, as it is added to
 * the head, the SHA-384 of the release; a stylesheet of this origin that is not in the release
 * gets one that nothing matches, so the browser refuses it. (Integrity metadata a browser cannot
 * parse counts as none, so the refusal is a well-formed hash of 48 zero bytes.)
 */
function guardStyles(integrity: Record<string, string>, nothingMatches: string) {
	const head = document.head;
	const append = head.appendChild;
	head.appendChild = function <T extends Node>(this: HTMLHeadElement, node: T): T {
		if (node instanceof HTMLLinkElement && node.relList.contains('stylesheet') && !node.integrity) {
			const url = new URL(node.href, location.href);
			if (url.origin === location.origin) {
				node.integrity = integrity[url.pathname] ?? nothingMatches;
			}
		}
		return append.call(this, node) as T;
	};
}

export const NOTHING_MATCHES = 'sha384-' + 'A'.repeat(64);

/** The inline script that installs the guard, under the page's script nonce. */
export function styleGuardScript(
	table: IntegrityTable,
	nonce: string,
	escape: (s: string) => string
) {
	const styles: Record<string, string> = {};
	for (const [url, hash] of table) {
		if (url.endsWith('.css')) {
			styles[url] = hash;
		}
	}
	// `<` cannot end the script early once escaped; JSON reads \u003c as "<".
	const args = [styles, NOTHING_MATCHES].map((a) => JSON.stringify(a).replace(/</g, '\\u003c'));
	return `<script nonce="${escape(nonce)}">(${String(guardStyles)})(${args.join(', ')})</script>`;
}
