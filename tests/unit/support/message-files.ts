import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type MessageFile = Record<string, unknown>;

/** The inlang project's languages and each one's message file, as the compiler reads them. */
export function loadMessages(root: string) {
	const settings = JSON.parse(
		readFileSync(join(root, 'project.inlang', 'settings.json'), 'utf8')
	) as {
		baseLocale: string;
		locales: string[];
		'plugin.inlang.messageFormat': { pathPattern: string };
	};
	const pattern = settings['plugin.inlang.messageFormat'].pathPattern;
	const files: Record<string, MessageFile> = {};
	for (const locale of settings.locales) {
		const path = join(root, pattern.replace('{locale}', locale));
		files[locale] = JSON.parse(readFileSync(path, 'utf8')) as MessageFile;
	}
	return { baseLocale: settings.baseLocale, locales: settings.locales, files };
}

const keysOf = (file: MessageFile) => Object.keys(file).filter((k) => k !== '$schema');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((p) => p[1]).sort();

/** What is wrong with the translations: a key the base has and a language lacks or leaves empty,
 * a key a language has that the base lacks, or a different set of {placeholders}. */
export function translationProblems(baseLocale: string, files: Record<string, MessageFile>) {
	const problems: string[] = [];
	const base = files[baseLocale];
	const baseKeys = keysOf(base);
	for (const [locale, file] of Object.entries(files)) {
		for (const key of baseKeys) {
			const value = file[key];
			if (typeof value !== 'string' || value.trim() === '') {
				problems.push(`${locale}: "${key}" is missing or empty`);
			} else if (placeholders(value).join() !== placeholders(String(base[key])).join()) {
				problems.push(`${locale}: "${key}" has other {placeholders} than ${baseLocale}`);
			}
		}
		for (const key of keysOf(file)) {
			if (!baseKeys.includes(key)) {
				problems.push(`${locale}: "${key}" is not in ${baseLocale}`);
			}
		}
	}
	return problems;
}
