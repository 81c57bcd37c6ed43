import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Attributes a person reads or hears, and the props this project's form components show as a
 * label, legend or hint: their literal values must come from messages too. */
const READ_ATTRIBUTES = [
	'aria-label',
	'title',
	'placeholder',
	'alt',
	'aria-description',
	'label',
	'legend',
	'hint',
	'addLabel'
];
/** Two words of Latin letters in a row: an English phrase, not a number, a symbol or a code. */
const PHRASE = /[A-Za-z][a-z'’]+[ \t\n]+[A-Za-z][a-z'’]*/;
const WORD = /[A-Za-z]{2,}/;

/** Blanks `{…}` expressions, honouring nesting and quoted strings inside them. */
function blankExpressions(markup: string): string {
	let out = '';
	let depth = 0;
	let quote: string | null = null;
	for (let i = 0; i < markup.length; i++) {
		const c = markup[i];
		if (depth > 0) {
			if (quote) {
				if (c === '\\') {
					i++;
				} else if (c === quote) {
					quote = null;
				}
			} else if (c === "'" || c === '"' || c === '`') {
				quote = c;
			} else if (c === '{') {
				depth++;
			} else if (c === '}') {
				depth--;
			}
			out += c === '\n' ? '\n' : ' ';
			continue;
		}
		if (c === '{') {
			depth = 1;
			out += ' ';
			continue;
		}
		out += c;
	}
	return out;
}

export interface InlineText {
	line: number;
	text: string;
}

/** Inline English in a component's markup: text between tags, and literal values of the
 * attributes a person reads. Scripts, styles, comments and expressions are not markup text. */
export function inlineEnglish(source: string): InlineText[] {
	const markup = blankExpressions(
		source
			.replace(/<script[\s\S]*?<\/script>/g, (s) => s.replace(/[^\n]/g, ' '))
			.replace(/<style[\s\S]*?<\/style>/g, (s) => s.replace(/[^\n]/g, ' '))
			.replace(/<!--[\s\S]*?-->/g, (s) => s.replace(/[^\n]/g, ' '))
	);
	const found: InlineText[] = [];
	const lineOf = (index: number) => markup.slice(0, index).split('\n').length;
	for (const match of markup.matchAll(/>([^<>]+)</g)) {
		const text = match[1].trim();
		if (PHRASE.test(text) || (WORD.test(text) && /^[A-Z]/.test(text))) {
			found.push({ line: lineOf(match.index ?? 0), text });
		}
	}
	for (const name of READ_ATTRIBUTES) {
		const attribute = new RegExp(`\\s${name}="([^"]*)"`, 'g');
		for (const match of markup.matchAll(attribute)) {
			if (WORD.test(match[1])) {
				found.push({ line: lineOf(match.index ?? 0), text: `${name}="${match[1]}"` });
			}
		}
	}
	return found;
}

/** Every .svelte file under the given folders (or the files themselves). */
export function svelteFiles(root: string, paths: string[]): string[] {
	const out: string[] = [];
	const walk = (path: string) => {
		if (statSync(path).isDirectory()) {
			for (const entry of readdirSync(path)) {
				walk(join(path, entry));
			}
		} else if (path.endsWith('.svelte')) {
			out.push(path);
		}
	};
	for (const p of paths) {
		walk(join(root, p));
	}
	return out.sort();
}

export const readSource = (path: string) => readFileSync(path, 'utf8');
