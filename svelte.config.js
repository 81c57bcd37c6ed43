import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Reporter pages must never rely on inline styles: the CSP allows none.
		css: 'external'
	},
	kit: {
		// BUILD_DIR / KIT_OUT_DIR let two checkouts' builds sit side by side (default: build/, .svelte-kit/).
		adapter: adapter({ out: process.env.BUILD_DIR || 'build', precompress: true }),
		outDir: process.env.KIT_OUT_DIR || '.svelte-kit',
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				// libsodium is WebAssembly; nothing else needs eval of any kind.
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self'],
				'img-src': ['self', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'manifest-src': ['self']
			}
		},
		// Referrer-Policy no-referrer makes browsers send `Origin: null` on plain form posts (the
		// no-JavaScript path). The nullOriginForms hook makes the origin check itself, and explains a refusal.
		csrf: { trustedOrigins: ['*'] },
		version: { pollInterval: 0 },
		// Absolute asset paths: relative ones ("../../_app/…") make every page's Link preload header
		// grow with the depth of its path, to a size proxies answer with 502. Served at the root.
		paths: { relative: false },
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push(
					'../playwright.config.ts',
					'../migrations/**/*.ts',
					'../scripts/**/*.ts'
				);
			}
		}
	}
};

export default config;
