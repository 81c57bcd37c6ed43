import { areaLabelIn, AREA_UNKNOWN, type AreaEntry } from '$lib/report/areas';
import { INCIDENT_LABELS, type IncidentType } from '$lib/report/incident-types';

export { monthLabel } from '$lib/report/months';

/** Readers see "Gloucester", not the reporter's "I don't know". */
export const areaLabel = (areas: readonly AreaEntry[], area: string): string =>
	area === AREA_UNKNOWN ? 'Area not known' : areaLabelIn(areas, area);

export const typeLabel = (type: string): string =>
	INCIDENT_LABELS[type as IncidentType]?.label ?? type;
