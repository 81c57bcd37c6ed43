/**
 * Reporter pages keep nothing in the browser (DESIGN §7). SvelteKit itself saves scroll positions
 * and snapshots to sessionStorage when the page is left; on a shared phone that is a trace of the
 * visit. Hiding both storages from this page makes those writes fail quietly (SvelteKit guards
 * them), so nothing is ever written.
 */
export function disableWebStorage() {
	for (const name of ['sessionStorage', 'localStorage'] as const) {
		try {
			Object.defineProperty(window, name, {
				configurable: true,
				get() {
					throw new DOMException('Web storage is turned off on this site.', 'SecurityError');
				}
			});
		} catch {
			// Already locked down by the browser.
		}
	}
}
