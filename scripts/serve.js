import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	BASELINE_WRITTEN_BY_SERVER,
	baselineHeaders
} from '../src/lib/server/hooks/baseline-headers.js';
import { EdgeConfigError, readEdgeConfig } from '../src/lib/server/hooks/edge-config.js';
import { DIRECT_ROUTE } from '../src/lib/server/http/direct-route.js';
import { MANIFEST_PATH } from '../src/lib/server/integrity/site-manifest.js';
import { BUILD_DIR } from './build-if-stale.js';

// A malformed proxy or onion setting stops the start with one sentence, not a stack trace.
try {
	readEdgeConfig(process.env);
} catch (e) {
	if (!(e instanceof EdgeConfigError)) {
		throw e;
	}
	console.error(`Cannot start: ${e.message}`);
	process.exit(1);
}
// The build's signed file list: the integrity every page puts on its scripts and styles.
process.env.SITE_MANIFEST_FILE ||= resolve(BUILD_DIR, 'client', '.' + MANIFEST_PATH);

/**
 * Runs the built portal (adapter-node's build/index.js: same environment, same graceful shutdown)
 * with the header baseline on every response. The adapter answers static files, app assets and
 * SvelteKit's own refusals (a cross-site form's 403) before any hook runs, so the baseline is
 * applied here, where every response is written, as well as by the securityHeaders hook.
 */
const baseline = Object.entries(baselineHeaders((process.env.ORIGIN ?? '').startsWith('https://')));
// The securityHeaders hook leaves them to this file.
/** @type {any} */ (globalThis)[BASELINE_WRITTEN_BY_SERVER] = true;

/** @param {import('node:http').ServerResponse} res */
function keepBaseline(res) {
	const writeHead = res.writeHead;
	/** @type {any} */ (res).writeHead = function (
		/** @type {number} */ status,
		/** @type {unknown[]} */ ...rest
	) {
		const reason = typeof rest[0] === 'string' ? rest.shift() : undefined;
		const given = rest[0];
		// Headers passed to writeHead win over setHeader: fold them in first, then the baseline.
		if (Array.isArray(given)) {
			const pairs = Array.isArray(given[0])
				? given
				: given.flatMap((_, i) => (i % 2 ? [] : [[given[i], given[i + 1]]]));
			for (const [name, value] of pairs) {
				this.appendHeader(String(name), value);
			}
		} else if (given && typeof given === 'object') {
			for (const [name, value] of Object.entries(given)) {
				if (value !== undefined) {
					this.setHeader(name, /** @type {any} */ (value));
				}
			}
		}
		for (const [name, value] of baseline) {
			this.setHeader(name, value);
		}
		return reason === undefined
			? writeHead.call(this, status)
			: writeHead.call(this, status, /** @type {string} */ (reason));
	};
}

const { server } = await import(pathToFileURL(resolve(BUILD_DIR, 'index.js')).href);
// Every request gets the baseline, then the direct report intake (src/lib/server/http/direct-route.js)
// answers POST /api/v1/reports, and the adapter's own handler everything else.
const http = server.server;
const adapterListeners = http.listeners('request');
http.removeAllListeners('request');
http.on(
	'request',
	(
		/** @type {import('node:http').IncomingMessage} */ req,
		/** @type {import('node:http').ServerResponse} */ res
	) => {
		keepBaseline(res);
		const direct = /** @type {any} */ (globalThis)[DIRECT_ROUTE];
		if (direct?.(req, res)) {
			return;
		}
		for (const listener of adapterListeners) {
			listener.call(http, req, res);
		}
	}
);
