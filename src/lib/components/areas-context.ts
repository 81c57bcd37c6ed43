import { getContext, setContext } from 'svelte';
import {
	areaLabelIn,
	DEFAULT_AREAS,
	openAreas,
	staffAreaLabel,
	type AreaEntry
} from '$lib/report/areas';

const KEY = Symbol('areas');

/** The root layout hands every page the live area list (the `areas` setting) once, here. */
export const provideAreas = (get: () => readonly AreaEntry[]) => setContext(KEY, get);

/**
 * The live area list for a component, read at its start: labels follow a rename at once, and
 * a retired area still has its name on old reports. Outside the app (a lone component) it is
 * the first-run list.
 */
export function useAreas() {
	const get = getContext<(() => readonly AreaEntry[]) | undefined>(KEY);
	const list = () => get?.() ?? DEFAULT_AREAS;
	return {
		get all() {
			return list();
		},
		get open() {
			return openAreas(list());
		},
		label: (code: string) => areaLabelIn(list(), code),
		staffLabel: (code: string | null | undefined) => (code ? staffAreaLabel(list(), code) : '—')
	};
}
