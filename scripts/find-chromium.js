import { findChromium } from './chromium-path.js';

if (!findChromium()) {
	console.error(
		'No Chromium found: install one (Debian/Ubuntu: apt-get install chromium; elsewhere: npx playwright install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE.'
	);
	process.exit(1);
}
