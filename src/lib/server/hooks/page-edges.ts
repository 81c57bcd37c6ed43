import type { Handle } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { behindTls } from '../config';
import { edgeConfig } from './edge-config.js';
import { onionLocation } from './onion-location';
import { loadIntegrityTable } from '../integrity/integrity-table';
import { addPageIntegrity, scriptNonce } from '../integrity/page-integrity';

// Checked at start, so a malformed ADDRESS_HEADER, XFF_DEPTH, SHARED_ADDRESS or ONION_ORIGIN stops
// the server with a sentence rather than misbehaving quietly.
if (!building) {
	edgeConfig();
}

/**
 * What every page gets on its way out: Subresource Integrity on its scripts and styles (from the
 * signed site manifest of the build), and on public pages served over HTTPS, an Onion-Location
 * header pointing Tor Browser at the onion service.
 */
export const pageEdges: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) {
		return response;
	}
	const onion = onionLocation(edgeConfig().onionOrigin, event.url, behindTls());
	if (onion) {
		response.headers.set('Onion-Location', onion);
	}
	const table = dev ? null : loadIntegrityTable();
	if (!table || !response.body) {
		return response;
	}
	const headers = new Headers(response.headers);
	const page = addPageIntegrity(
		await response.text(),
		headers.get('link'),
		scriptNonce(headers.get('content-security-policy')),
		table
	);
	headers.delete('content-length');
	if (page.link) {
		headers.set('link', page.link);
	} else {
		headers.delete('link');
	}
	return new Response(page.html, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
};
