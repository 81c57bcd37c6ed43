import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		// Public pages speak the reporter's language. Only the URL chooses it (the first-visit hint
		// from the browser lives in src/lib/server/hooks/language.ts): no cookie, no storage.
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'baseLocale']
		})
	],
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1' },
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		setupFiles: ['tests/unit/support/cleanup.ts'],
		// Does nothing unless TEST_POSTGRES_URL is set (npm run test:postgres).
		globalSetup: ['tests/unit/support/postgres-setup.ts'],
		environment: 'node',
		// A test that asserts nothing cannot fail, so it is refused.
		expect: { requireAssertions: true },
		testTimeout: 20_000
	}
});
