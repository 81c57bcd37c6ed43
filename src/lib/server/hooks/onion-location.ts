/**
 * The Onion-Location header (Tor Project, "Onion-Location"): on a clear-web page, it tells Tor
 * Browser that the same page lives at the onion service, and Tor Browser offers to go there. Tor
 * Browser acts on it only for pages served over HTTPS, and it names the same path and query on
 * the onion origin. Public pages only: staff pages and the API are not for Tor Browser's prompt.
 */
export function onionLocation(onionOrigin: string | null, url: URL, https: boolean): string | null {
	if (!onionOrigin || !https) {
		return null;
	}
	const path = url.pathname;
	if (path === '/staff' || path.startsWith('/staff/') || path.startsWith('/api/')) {
		return null;
	}
	return onionOrigin + path + url.search;
}
