import type { Page } from '@playwright/test';

/** SvelteKit's route announcer carries an inline style the strict CSP refuses (sveltejs/kit#11993,
 * open); the browser logs that one refusal. It is the framework's, harmless (app.css hides the
 * announcer instead), and the only console error tolerated. */
const KNOWN_ANNOUNCER_STYLE = 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=';

/** Collects uncaught page errors and console errors while a test runs. */
export function watchPageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error' && !m.text().includes(KNOWN_ANNOUNCER_STYLE)) {
			errors.push(`console: ${m.text()}`);
		}
	});
	return errors;
}
