import { describe, expect, it } from 'vitest';
import { loadMessages, translationProblems } from './support/message-files';
import { inlineEnglish, readSource, svelteFiles } from './support/inline-english';
import { preferredLocale } from '../../src/lib/i18n/preferred';
import { LANGUAGE_NAMES, languageForStaff } from '../../src/lib/i18n/languages';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('translations', () => {
	const { baseLocale, locales, files } = loadMessages(ROOT);

	it('every message has a non-empty translation in every language, and no language has extra keys', () => {
		expect(translationProblems(baseLocale, files)).toEqual([]);
	});

	it('the check finds a missing key, an empty one, an extra one and a lost placeholder', () => {
		const planted = {
			en: { a: 'Hello {name}', b: 'Two', c: 'Three' },
			ro: { a: 'Salut', b: ' ', d: 'Patru' }
		};
		expect(translationProblems('en', planted)).toEqual([
			'ro: "a" has other {placeholders} than en',
			'ro: "b" is missing or empty',
			'ro: "c" is missing or empty',
			'ro: "d" is not in en'
		]);
	});

	it('every language has its own name for the switcher and an English one for staff', () => {
		expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...locales].sort());
		expect(languageForStaff('ro')).toBe('Romanian (ro)');
		expect(languageForStaff('pt-BR')).toBe('Portuguese (Brazil) (pt-BR)');
		expect(languageForStaff(undefined)).toBe('English (en)');
	});
});

describe("the browser's preferred language on a first visit", () => {
	it('picks the first of our languages by weight, falling back from a region to the language', () => {
		expect(preferredLocale('bg-BG,bg;q=0.9,en;q=0.8')).toBe('bg');
		expect(preferredLocale('de-DE,pl;q=0.7,en;q=0.9')).toBe('en');
		expect(preferredLocale('pt-PT,pt;q=0.9')).toBe('pt-BR');
		expect(preferredLocale('es-MX')).toBe('es');
		expect(preferredLocale('fr, *;q=0.5')).toBeUndefined();
		expect(preferredLocale('ro;q=0, pl')).toBe('pl');
		expect(preferredLocale(null)).toBeUndefined();
	});
});

/** Public components whose words are not in messages yet. The list may only shrink: a file on it
 * that no longer has inline English fails the test until it is taken off. */
const NOT_YET_MOVED = new Set<string>([]);

describe('no inline English on public pages', () => {
	const files = svelteFiles(ROOT, [
		'src/routes/(public)',
		'src/lib/components/report',
		'src/lib/components/QuickExit.svelte',
		'src/lib/components/LanguageSwitcher.svelte'
	]).map((path) => path.slice(ROOT.length));

	it('finds inline English in planted markup and attributes, and not in messages', () => {
		const planted = `<script lang="ts">const note = 'Not markup';</script>
<h1>Make a report</h1>
<p>{m.home_intro({ unit: 'the team' })}</p>
<button aria-label="Close the menu" title={m.x()}>×</button>
<input placeholder="Your name" />
<img alt="A map" src="x.png" />
<TextField name="x" label="Your name" hint={m.hint()} />
<span>Back</span>
<p>999 · {count} — {'words in an expression'}</p>
<style>.a::after { content: 'Not markup either'; }</style>`;
		expect(inlineEnglish(planted).map((f) => f.text)).toEqual([
			'Make a report',
			'Back',
			'aria-label="Close the menu"',
			'placeholder="Your name"',
			'alt="A map"',
			'label="Your name"'
		]);
	});

	it('public pages and components take every word from messages', () => {
		const found = files
			.filter((file) => !NOT_YET_MOVED.has(file))
			.flatMap((file) =>
				inlineEnglish(readSource(ROOT + file)).map((f) => `${file}:${f.line}: ${f.text}`)
			);
		expect(found).toEqual([]);
	});

	it('the list of files still to move only shrinks', () => {
		const done = [...NOT_YET_MOVED].filter(
			(file) => !files.includes(file) || inlineEnglish(readSource(ROOT + file)).length === 0
		);
		expect(done).toEqual([]);
	});
});
