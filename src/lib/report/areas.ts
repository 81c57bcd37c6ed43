import * as v from 'valibot';

/**
 * Areas (DESIGN §4). A report's area is a stable code inside its envelope, and the envelope is
 * bound into the report's associated data (§5.2): a stored report's area can never be rewritten.
 * So the live list (the `areas` setting, src/lib/server/settings/areas.ts) gives each area a code
 * that never changes; renaming changes only the label, and retiring hides an area from the report
 * form while old reports keep showing it. This file holds the shapes and the first-run list.
 */
export interface AreaEntry {
	code: string;
	label: string;
	retired: boolean;
}

/** Lower-case letters, digits and underscores, starting with a letter: safe in URLs and JSON. */
export const AREA_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
export const AREA_LABEL_MAX = 80;
/** "I don't know" is the report form's answer for anyone unsure, so it cannot be retired. */
export const AREA_UNKNOWN = 'unknown';

export const AreaCodeSchema = v.pipe(v.string(), v.regex(AREA_CODE_PATTERN, 'Choose an area.'));

export const AreaLabelSchema = v.pipe(
	v.string(),
	v.trim(),
	v.minLength(1, 'Give the area a name.'),
	v.maxLength(AREA_LABEL_MAX, `Keep the name under ${AREA_LABEL_MAX} characters.`)
);

export const AreaListSchema = v.pipe(
	v.array(v.object({ code: AreaCodeSchema, label: AreaLabelSchema, retired: v.boolean() })),
	v.check(
		(list) => new Set(list.map((a) => a.code)).size === list.length,
		'An area code is listed twice.'
	)
);

/** The first-run list: the six Gloucestershire districts, plus outside the county and "don't know". */
export const DEFAULT_AREAS: readonly AreaEntry[] = [
	{ code: 'cheltenham', label: 'Cheltenham' },
	{ code: 'cotswold', label: 'Cotswolds (Cirencester, Stow, Tetbury)' },
	{ code: 'forest_of_dean', label: 'Forest of Dean (Cinderford, Coleford, Lydney)' },
	{ code: 'gloucester', label: 'Gloucester' },
	{ code: 'stroud', label: 'Stroud' },
	{ code: 'tewkesbury', label: 'Tewkesbury' },
	{ code: 'outside', label: 'Outside Gloucestershire' },
	{ code: AREA_UNKNOWN, label: "I don't know" }
].map((a) => ({ ...a, retired: false }));

/** The first-run codes. The live list is the `areas` setting: read that, not this. */
export const AREAS = DEFAULT_AREAS.map((a) => a.code);

/** Areas a new report (or a new warning) may name. */
export const openAreas = (list: readonly AreaEntry[]) => list.filter((a) => !a.retired);
export const isOpenArea = (list: readonly AreaEntry[], code: string) =>
	list.some((a) => a.code === code && !a.retired);
export const isKnownArea = (list: readonly AreaEntry[], code: string) =>
	list.some((a) => a.code === code);

/** The label a reporter chose from; an unknown code is shown as it is. */
export const areaLabelIn = (list: readonly AreaEntry[], code: string) =>
	list.find((a) => a.code === code)?.label ?? code;

/** Staff see an old report's area even after it was retired, marked so. */
export function staffAreaLabel(list: readonly AreaEntry[], code: string) {
	const area = list.find((a) => a.code === code);
	if (!area) {
		return code;
	}
	const short = area.label.replace(/ \(.*\)$/, '');
	return area.retired ? `${short} (retired)` : short;
}

/** A new area's code, made once from its first label and never changed after. */
export function newAreaCode(list: readonly AreaEntry[], label: string): string {
	const base =
		label
			.normalize('NFKD')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^[^a-z]+|_+$/g, '')
			.slice(0, 32) || 'area';
	const stem = base.length >= 2 ? base : `area_${base}`;
	const taken = new Set(list.map((a) => a.code));
	let code = stem;
	for (let n = 2; taken.has(code); n++) {
		code = `${stem}_${n}`;
	}
	return code;
}
