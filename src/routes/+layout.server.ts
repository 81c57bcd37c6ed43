import { env } from '$env/dynamic/private';
import type { LayoutServerLoad } from './$types';

/** A demo portal (npm run demo) says so on every page, so no one mistakes it for the real one.
 * Reads no cookie and sets none: public pages stay cookie-free. */
export const load = (() => ({ demo: env.DEMO === '1' })) satisfies LayoutServerLoad;
