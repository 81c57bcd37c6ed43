/**
 * Does a recovery kit belong to this unit, whole? Every unit key in the kit must be one the server
 * knows (a kit of another unit shares none), and the kit must hold every unit key the server
 * knows: without the active key the reports made since it was exported would stay closed, and
 * without an older one (a kit made from a "new reports only" keyring) the importer would be
 * taken for a holder of every key, and a rotation from that keyring would lose the old reports. Checked in the browser before the kit is opened, and
 * again by the server on the key ids the browser sends. Returns the problem, or null.
 */
export function kitMismatch(
	kitKeyIds: readonly string[],
	server: readonly { id: string; active: boolean }[]
): string | null {
	const known = new Set(server.map((k) => k.id));
	if (server.length === 0) {
		return 'This portal has no unit key yet, so there is nothing for a recovery kit to open.';
	}
	if (kitKeyIds.length === 0 || kitKeyIds.some((id) => !known.has(id))) {
		return 'This recovery kit belongs to another unit: its keys are not this portal’s unit keys.';
	}
	const active = server.find((k) => k.active);
	if (active && !kitKeyIds.includes(active.id)) {
		return 'This recovery kit is older than the unit’s current key. Use a kit made after the last key change.';
	}
	if (server.some((k) => !kitKeyIds.includes(k.id))) {
		return 'This recovery kit does not hold the older unit keys, so it cannot open older reports. Use a kit made by an admin who holds every key.';
	}
	return null;
}
