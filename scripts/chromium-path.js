import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * The Chromium the end-to-end tests drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE, then the system's
 * /usr/bin/chromium (Debian's package), then Playwright's own download. Undefined when none exists.
 */
export function findChromium() {
	const candidates = [process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE, '/usr/bin/chromium'];
	for (const path of candidates) {
		if (path && existsSync(path)) {
			return path;
		}
	}
	try {
		const own = chromium.executablePath();
		if (own && existsSync(own)) {
			return own;
		}
	} catch {
		// Playwright has no browser of its own installed.
	}
	return undefined;
}
