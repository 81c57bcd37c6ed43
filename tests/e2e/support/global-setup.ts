import { buildIfStale } from '../../../scripts/build-if-stale.js';

/** The suite runs against the production build, as users get it. */
export default function globalSetup() {
	buildIfStale();
}
