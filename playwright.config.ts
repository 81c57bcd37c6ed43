import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/chromium-path.js';

/** Chromium flags for locked-down machines: no sandbox as root, and no background calls home. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

export default defineConfig({
	testDir: 'tests/e2e',
	// Every spec starts its own portal on a fresh database (tests/e2e/support/portal.ts).
	globalSetup: './tests/e2e/support/global-setup.ts',
	// Two spec files at a time, in CI too: each has its own portal and database, so they share
	// nothing, and on a 2-core machine the suite takes a little over half as long.
	fullyParallel: false,
	workers: 2,
	retries: 0,
	timeout: 90_000,
	expect: { timeout: 15_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		...devices['Desktop Chrome'],
		launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
		trace: 'off',
		screenshot: 'off'
	}
});
