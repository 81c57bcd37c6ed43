import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildIfStale } from '../../../scripts/build-if-stale.js';

/** Every temporary folder a test makes is named like this (portal data, backups, clocks…). */
const OURS = /^safereport-/;
const ourFolders = () => new Set(readdirSync(tmpdir()).filter((name) => OURS.test(name)));

/** The suite runs against the production build, as users get it. The function it returns runs
 * after the last test: a folder a test made and did not remove fails the run, by name. */
export default function globalSetup() {
	// Portals started by the specs inherit this: no daily purge runs under test unless a spec asks.
	process.env.RETENTION_PURGE ??= 'off';
	buildIfStale();
	const before = ourFolders();
	return () => {
		const left = [...ourFolders()].filter((name) => !before.has(name));
		if (left.length > 0) {
			throw new Error(`The tests left temporary folders behind: ${left.join(', ')}`);
		}
	};
}
