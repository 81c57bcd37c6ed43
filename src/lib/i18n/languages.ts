import { getLocale, type Locale } from '$lib/paraglide/runtime';

/** Each language's own name (for the switcher) and its English name (for staff pages). One home:
 * adding a language adds a line here too, and the language test fails until it does. */
export const LANGUAGE_NAMES: Record<Locale, { own: string; english: string }> = {
	en: { own: 'English', english: 'English' },
	ro: { own: 'Română', english: 'Romanian' },
	pl: { own: 'Polski', english: 'Polish' },
	bg: { own: 'Български', english: 'Bulgarian' },
	'pt-BR': { own: 'Português (Brasil)', english: 'Portuguese (Brazil)' },
	es: { own: 'Español', english: 'Spanish' }
};

/** How staff pages name a reporter's language: "Romanian (ro)"; an unknown tag as itself. */
export function languageForStaff(tag: string | null | undefined): string {
	if (!tag) {
		return 'English (en)';
	}
	const known = (LANGUAGE_NAMES as Record<string, { english: string } | undefined>)[tag];
	return known ? `${known.english} (${tag})` : tag;
}

/** The page's language for dates; English dates as written in Britain ("1 December 2026"). */
export const dateLocale = () => {
	const locale = getLocale();
	return locale === 'en' ? 'en-GB' : locale;
};
