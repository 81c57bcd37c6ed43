import type { PageServerLoad } from './$types';

/** Public on purpose: anyone (a partner thinking of joining, a reporter) may read what each side
 * of the partner portal can and cannot see. */
export const load = (() => ({})) satisfies PageServerLoad;
