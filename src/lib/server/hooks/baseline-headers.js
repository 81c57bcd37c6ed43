/**
 * The headers every response carries. Plain JavaScript, because two places apply them: the
 * securityHeaders hook (everything SvelteKit renders or answers) and scripts/serve.js (what the
 * adapter answers before any hook runs: static files, app assets, SvelteKit's own refusals).
 * CSP comes from kit.csp in svelte.config.js and applies to pages.
 */
/** Set by scripts/serve.js, which writes the baseline on every response itself (a global symbol,
 * because the build bundles its own copy of this file). */
export const BASELINE_WRITTEN_BY_SERVER = Symbol.for('safereport.baseline-written-by-server');

export const SECURITY_HEADERS = Object.freeze({
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy':
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'X-DNS-Prefetch-Control': 'off'
});

/**
 * The baseline, with HSTS when the portal is served over TLS. Nothing is cached, scripts and
 * styles included: a shared phone's browser cache must not show that the portal was visited.
 * @param {boolean} tls
 * @returns {Record<string, string>}
 */
export function baselineHeaders(tls) {
	return {
		...SECURITY_HEADERS,
		'Cache-Control': 'no-store',
		...(tls ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {})
	};
}
