/** libsodium-wrappers needs WebAssembly; Tor Browser's "Safer" level and some locked-down phones
 * turn it off. Then the page says so and posts the plain form for the server to seal (§5.4). */
export const hasWebAssembly = (): boolean =>
	typeof WebAssembly === 'object' &&
	WebAssembly !== null &&
	typeof WebAssembly.instantiate === 'function';

/** Loads libsodium only now, on the form (never on the home page); undefined if it cannot run. */
export async function loadSodium() {
	if (!hasWebAssembly()) {
		return undefined;
	}
	try {
		const { getSodium } = await import('../../crypto/sodium');
		return await getSodium();
	} catch {
		return undefined;
	}
}
