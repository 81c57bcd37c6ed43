import { buildIfStale } from '../../../scripts/build-if-stale.js';

/** The suite runs against the production build, as users get it. */
export default function globalSetup() {
	// Portals started by the specs inherit this: no daily purge runs under test unless a spec asks.
	process.env.RETENTION_PURGE ??= 'off';
	buildIfStale();
}
