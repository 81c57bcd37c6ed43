import { areaLabelIn, AREA_UNKNOWN, type AreaEntry } from '$lib/report/areas';
import { INCIDENT_LABELS, type IncidentType } from '$lib/report/incident-types';

/** "November 2026" for "2026-11". */
export const monthLabel = (month: string): string =>
	new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});

/** Readers see "Gloucester", not the reporter's "I don't know". */
export const areaLabel = (areas: readonly AreaEntry[], area: string): string =>
	area === AREA_UNKNOWN ? 'Area not known' : areaLabelIn(areas, area);

export const typeLabel = (type: string): string =>
	INCIDENT_LABELS[type as IncidentType]?.label ?? type;
