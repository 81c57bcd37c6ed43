/**
 * How the portal meets the network in front of it: whose address a request has (adapter-node's
 * ADDRESS_HEADER / XFF_DEPTH), whether every client shares one address (SHARED_ADDRESS, e.g. an
 * onion service), and which onion address to advertise (ONION_ORIGIN). Read once at start and
 * checked there, so a typo stops the server with a sentence instead of quietly counting every
 * reporter as one, or advertising an address nobody can reach. Plain JavaScript: the start script
 * checks it before the server loads, and the hooks read it.
 *
 * docs/deploy.md shows the proxy and Tor settings these match.
 */

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A v3 onion address: 56 base32 characters. */
const ONION_HOST = /^[a-z2-7]{56}\.onion$/;

/**
 * @typedef {object} EdgeConfig
 * @property {string | null} addressHeader lower-case header the proxy puts the client address in
 * @property {number} xffDepth which X-Forwarded-For entry, counted from the right, is the client
 * @property {boolean} sharedAddress every client arrives from one address: per-address budgets
 *   cannot tell reporters apart, so proof of work carries the reports API (docs/deploy.md)
 * @property {string | null} onionOrigin the onion service's origin, advertised by Onion-Location
 */

export class EdgeConfigError extends Error {}

/**
 * @param {Record<string, string | undefined>} env
 * @returns {EdgeConfig}
 */
export function readEdgeConfig(env) {
	const addressHeader = readAddressHeader(env.ADDRESS_HEADER);
	const xffDepth = readXffDepth(env.XFF_DEPTH, addressHeader);
	const origin = readOrigin(env.ORIGIN);
	const sharedAddress = readShared(env.SHARED_ADDRESS, origin);
	if (sharedAddress && addressHeader) {
		throw new EdgeConfigError(
			'SHARED_ADDRESS=on and ADDRESS_HEADER are both set: either the proxy passes each ' +
				"client's address (ADDRESS_HEADER) or every client shares one (SHARED_ADDRESS=on). Set one."
		);
	}
	const onionOrigin = readOnionOrigin(env.ONION_ORIGIN, origin);
	return { addressHeader, xffDepth, sharedAddress, onionOrigin };
}

/** @param {string | undefined} value */
function readAddressHeader(value) {
	if (!value) {
		return null;
	}
	if (!HEADER_NAME.test(value)) {
		throw new EdgeConfigError(
			`ADDRESS_HEADER must be a header name such as X-Forwarded-For, not "${value}".`
		);
	}
	return value.toLowerCase();
}

/**
 * @param {string | undefined} value
 * @param {string | null} addressHeader
 */
function readXffDepth(value, addressHeader) {
	if (value === undefined || value === '') {
		return 1;
	}
	if (!/^[1-9]\d{0,1}$/.test(value)) {
		throw new EdgeConfigError(
			`XFF_DEPTH must be a whole number from 1 (the number of proxies in front), not "${value}".`
		);
	}
	if (addressHeader !== 'x-forwarded-for') {
		throw new EdgeConfigError(
			'XFF_DEPTH is set but ADDRESS_HEADER is not X-Forwarded-For: it would be ignored. ' +
				'Set ADDRESS_HEADER=X-Forwarded-For, or remove XFF_DEPTH.'
		);
	}
	return Number(value);
}

/** @param {string | undefined} value */
function readOrigin(value) {
	if (!value) {
		return null;
	}
	try {
		return new URL(value);
	} catch {
		throw new EdgeConfigError(`ORIGIN must be an address such as https://report.example.org.`);
	}
}

/**
 * On by default when the portal itself is the onion service: every Tor client arrives from the
 * local Tor daemon's address.
 * @param {string | undefined} value
 * @param {URL | null} origin
 */
function readShared(value, origin) {
	if (value === undefined || value === '') {
		return Boolean(origin?.hostname.endsWith('.onion'));
	}
	if (value === 'on' || value === 'off') {
		return value === 'on';
	}
	throw new EdgeConfigError(`SHARED_ADDRESS must be "on" or "off", not "${value}".`);
}

/**
 * @param {string | undefined} value
 * @param {URL | null} origin
 */
function readOnionOrigin(value, origin) {
	if (!value) {
		return null;
	}
	const problem =
		'ONION_ORIGIN must be the onion service\'s address and nothing more, such as "http://' +
		'<56 letters and digits>.onion"';
	/** @type {URL} */
	let url;
	try {
		url = new URL(value);
	} catch {
		throw new EdgeConfigError(`${problem}; "${value}" is not an address.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new EdgeConfigError(`${problem}; it must start with http:// or https://.`);
	}
	if (!ONION_HOST.test(url.hostname)) {
		throw new EdgeConfigError(`${problem}; "${url.hostname}" is not a v3 onion address.`);
	}
	if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
		throw new EdgeConfigError(`${problem}; leave out any path, query or user name.`);
	}
	if (origin?.hostname.endsWith('.onion')) {
		throw new EdgeConfigError(
			'ONION_ORIGIN is for the clear-web portal, to point Tor Browser at the onion service; ' +
				'this portal is the onion service itself (ORIGIN is .onion). Remove ONION_ORIGIN here.'
		);
	}
	return url.origin;
}

/** @type {EdgeConfig | undefined} */
let current;

/** The settings of this process, read on first use. */
export function edgeConfig() {
	current ??= readEdgeConfig(process.env);
	return current;
}
