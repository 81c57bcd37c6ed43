import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { contrast, luminance, readThemes, type Palette } from './support/contrast';

/** The palette's promises (WCAG 2.2 AA), checked on the tokens themselves in both themes. */
const PALETTE = 'src/lib/theme/palette.css';
const themes = readThemes(readFileSync(PALETTE, 'utf8'));

/** Text on the surfaces it is shown on: 4.5:1 (WCAG 1.4.3, body-size text). */
const TEXT: [string, string][] = [
	['ink', 'paper'],
	['ink', 'tint'],
	['ink', 'danger-tint'],
	['ink', 'ok-tint'],
	['muted', 'paper'],
	['muted', 'tint'],
	['brand', 'paper'],
	['brand', 'tint'],
	['brand', 'danger-tint'],
	['brand-dark', 'paper'],
	['brand-dark', 'tint'],
	['on-brand', 'brand'],
	['on-brand', 'brand-dark'],
	['danger', 'paper'],
	['danger', 'tint'],
	['danger', 'danger-tint'],
	['on-danger', 'danger'],
	['on-alarm', 'alarm'],
	['ok', 'paper'],
	['on-demo', 'demo']
];
/** Edges that show where a control or a state is, against the page: 3:1 (WCAG 1.4.11). */
const EDGES: [string, string][] = [
	['edge', 'paper'],
	['edge', 'tint'],
	['ink', 'paper'],
	['brand', 'paper'],
	['danger', 'paper'],
	['on-alarm', 'alarm']
];
/** Every background a focused control can sit on. */
const FOCUS_BACKGROUNDS = ['paper', 'tint', 'danger-tint', 'ok-tint', 'alarm'];

const ratio = (p: Palette, a: string, b: string) => {
	expect(p[a], `--${a}`).toBeDefined();
	expect(p[b], `--${b}`).toBeDefined();
	return contrast(p[a], p[b]);
};

describe.each(['light', 'dark'] as const)('the %s theme', (name) => {
	const p = themes[name];

	test.each(TEXT)('--%s on --%s is at least 4.5:1', (fg, bg) => {
		expect(ratio(p, fg, bg)).toBeGreaterThanOrEqual(4.5);
	});

	test.each(EDGES)('--%s against --%s is at least 3:1', (fg, bg) => {
		expect(ratio(p, fg, bg)).toBeGreaterThanOrEqual(3);
	});

	test.each(FOCUS_BACKGROUNDS)('the focus ring stands out on --%s', (bg) => {
		// The ring is two bands: one of them must reach 3:1 against what is around it, and the two
		// must differ by 3:1 so they read as a ring, not a blur.
		const best = Math.max(ratio(p, 'focus', bg), ratio(p, 'focus-edge', bg));
		expect(best).toBeGreaterThanOrEqual(3);
		expect(ratio(p, 'focus', 'focus-edge')).toBeGreaterThanOrEqual(3);
	});
});

test('the dark theme is truly dark and sets every colour the light one does', () => {
	// A near-black page (relative luminance under 2%) with light text, as a night-time app is.
	expect(luminance(themes.dark.paper)).toBeLessThan(0.02);
	expect(luminance(themes.dark.tint)).toBeLessThan(0.03);
	expect(luminance(themes.dark.ink)).toBeGreaterThan(0.7);
	expect(Object.keys(themes.darkOwn).sort()).toEqual(Object.keys(themes.light).sort());
});

/** Public stylesheets and components: their colours come from the palette, so the checks above
 * cover every colour a reporter sees. */
const PUBLIC_STYLES = [
	'src/app.css',
	'src/routes/(public)',
	'src/routes/+layout.svelte',
	'src/lib/components/QuickExit.svelte',
	'src/lib/components/report',
	'src/lib/components/warnings'
];
const COLOUR_LITERAL =
	/#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(|:\s*(?:white|black)\b/;

function styleFiles(path: string): string[] {
	if (statSync(path).isDirectory()) {
		return readdirSync(path).flatMap((name) => styleFiles(join(path, name)));
	}
	return /\.(css|svelte)$/.test(path) ? [path] : [];
}

test('public pages take every colour from the palette', () => {
	const files = PUBLIC_STYLES.flatMap(styleFiles);
	expect(files.length).toBeGreaterThan(20);
	const found: string[] = [];
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		const css = file.endsWith('.css')
			? text
			: [...text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
		// Comments may name colours; rules may not.
		const rules = css.replace(/\/\*[\s\S]*?\*\//g, '');
		for (const line of rules.split('\n').filter((l) => COLOUR_LITERAL.test(l))) {
			found.push(`${file}: ${line.trim()}`);
		}
	}
	expect(found).toEqual([]);
});
