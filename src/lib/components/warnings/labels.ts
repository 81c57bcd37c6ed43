import { areaLabelIn, AREA_UNKNOWN, type AreaEntry } from '$lib/report/areas';
import { incidentLabel } from '$lib/report/form-options';
import { m } from '$lib/paraglide/messages';

import { monthLabel } from '$lib/report/months';
import { getLocale } from '$lib/paraglide/runtime';
import type { IDENTIFIER_KINDS, Period } from '$lib/report/warning';

type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export { monthLabel };

/** Readers see "Gloucester", not the reporter's "I don't know". */
export const areaLabel = (areas: readonly AreaEntry[], area: string): string =>
	area === AREA_UNKNOWN ? m.warn_area_unknown() : areaLabelIn(areas, area);

export const typeLabel = (type: string): string => incidentLabel(type);

/** A month in the page's language ("November 2026", "listopad 2026"). */
export const readerMonth = (month: string): string => {
	const locale = getLocale();
	const [y, mo] = month.split('-').map(Number);
	return locale === 'en' || !y || !mo
		? monthLabel(month)
		: new Date(Date.UTC(y, mo - 1, 1)).toLocaleDateString(locale, {
				month: 'long',
				year: 'numeric',
				timeZone: 'UTC'
			});
};

export const IDENTIFIER_WORDS: Record<IdentifierKind, () => string> = {
	phone: m.warn_id_phone,
	email: m.warn_id_email,
	handle: m.warn_id_handle,
	vehicle: m.warn_id_vehicle
};

export const PERIOD_WORDS: Record<Period, () => string> = {
	all: m.warn_period_all,
	'1': m.warn_period_1,
	'3': m.warn_period_3,
	'6': m.warn_period_6,
	'12': m.warn_period_12
};
