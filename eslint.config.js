import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import { fileURLToPath } from 'node:url';
import svelteConfig from './svelte.config.js';

// One list of what is not ours to lint: the .gitignore (build output, data, reports).
const gitignore = fileURLToPath(new URL('./.gitignore', import.meta.url));

// Import direction: code that runs in the browser never reaches into the server (secrets, the
// database), and server code never loads browser modules (components, the reporter's browser
// code, runes state). Wire types both sides need live in src/lib/api/.
const serverCode = [
	'src/lib/server/**',
	'src/hooks.server.ts',
	'src/routes/**/+server.ts',
	'src/routes/**/+*.server.ts',
	'scripts/**'
];
const browserCode = [
	'src/lib/**',
	'src/routes/**/*.svelte',
	'src/routes/**/+page.ts',
	'src/routes/**/+layout.ts'
];
const noServerImports = {
	group: ['$lib/server', '$lib/server/**', '**/lib/server/**', '../server/**', '../../server/**'],
	message: 'Browser and shared code may not import server modules; put shared types in $lib/api.'
};
const noBrowserImports = {
	group: [
		'$lib/components/**',
		'**/lib/components/**',
		'$lib/report/browser/**',
		'**/report/browser/**',
		'**/*.svelte',
		'$lib/staff/unlock',
		'$lib/staff/kdf*',
		'**/staff/unlock',
		'**/staff/kdf*'
	],
	message: 'Server code may not import browser modules; put shared types in $lib/api.'
};

export default ts.config(
	includeIgnoreFile(gitignore, 'Imported .gitignore patterns'),
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'svelte/no-at-html-tags': 'error',
			'svelte/button-has-type': 'error',
			curly: 'error',
			// The portal is always served at the root (no kit.paths.base), so plain hrefs are right.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		ignores: ['eslint.config.js', 'svelte.config.js', 'scripts/**/*.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/await-thenable': 'error'
		}
	},
	{
		files: browserCode,
		ignores: serverCode,
		rules: { 'no-restricted-imports': ['error', { patterns: [noServerImports] }] }
	},
	{
		files: serverCode,
		rules: { 'no-restricted-imports': ['error', { patterns: [noBrowserImports] }] }
	}
);
