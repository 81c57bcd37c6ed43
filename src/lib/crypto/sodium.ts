import sodiumModule from 'libsodium-wrappers';

/** The libsodium API shared by the standard and sumo builds. Protocol functions take it as an
 * argument so the reporter's browser can use the small build and staff pages the sumo build. */
export type Sodium = typeof sodiumModule;

let ready: Promise<Sodium> | undefined;

/** The standard libsodium build, initialised once. */
export function getSodium(): Promise<Sodium> {
	ready ??= sodiumModule.ready.then(() => sodiumModule);
	return ready;
}
