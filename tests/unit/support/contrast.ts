/** WCAG 2.2 relative luminance and contrast ratio of sRGB colours written as #rrggbb. */
export function luminance(hex: string): number {
	const match = /^#([0-9a-f]{6})$/i.exec(hex);
	if (!match) {
		throw new Error(`not a #rrggbb colour: ${hex}`);
	}
	const [r, g, b] = [0, 2, 4].map((i) => {
		const c = parseInt(match[1].slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

export type Palette = Record<string, string>;

/**
 * The two themes of a palette stylesheet: the light tokens of its first rule, and the dark theme
 * as the browser computes it (the light tokens, overridden by the prefers-color-scheme: dark rule).
 */
export function readThemes(css: string): { light: Palette; dark: Palette; darkOwn: Palette } {
	const split = css.indexOf('@media (prefers-color-scheme: dark)');
	if (split < 0) {
		throw new Error('the palette has no dark theme');
	}
	const tokens = (text: string): Palette =>
		Object.fromEntries(
			[...text.matchAll(/--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1], m[2]])
		);
	const light = tokens(css.slice(0, split));
	const darkOwn = tokens(css.slice(split));
	return { light, dark: { ...light, ...darkOwn }, darkOwn };
}
