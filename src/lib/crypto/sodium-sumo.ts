import sumoModule from 'libsodium-wrappers-sumo';

/** The sumo build adds argon2id (crypto_pwhash); only staff pages and the server load it. */
export type SodiumSumo = typeof sumoModule;

let ready: Promise<SodiumSumo> | undefined;

export function getSodiumSumo(): Promise<SodiumSumo> {
	ready ??= sumoModule.ready.then(() => sumoModule);
	return ready;
}
