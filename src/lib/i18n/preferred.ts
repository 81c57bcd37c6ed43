import { baseLocale, locales, type Locale } from '$lib/paraglide/runtime';

/** The reporter's first choice among our languages from an Accept-Language header, by weight;
 * a regional variant we lack falls back to the language (pt-PT → pt-BR, es-MX → es). */
export function preferredLocale(header: string | null): Locale | undefined {
	if (!header) {
		return undefined;
	}
	const wanted = header
		.split(',')
		.map((part, order) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, order };
		})
		.filter((w) => w.tag !== '' && w.tag !== '*' && w.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.order - b.order);
	for (const { tag } of wanted) {
		const exact = locales.find((l) => l.toLowerCase() === tag);
		if (exact) {
			return exact;
		}
		const language = tag.split('-')[0];
		const near = locales.find((l) => l.toLowerCase().split('-')[0] === language);
		if (near) {
			return near;
		}
	}
	return undefined;
}

export const isBaseLocale = (locale: Locale) => locale === baseLocale;
