/** A unit key as the unit key page lists it: what a recovery kit is checked against. */
export interface UnitKeyOnServer {
	id: string;
	public_key: string;
	fingerprint: string;
	/** The newest unretired key: new reports are sealed to it. */
	active: boolean;
}

/** Whether this admin may open a recovery kit to give themselves the keyring, and why not. */
export type RecoveryImport =
	{ allowed: true; challenge: RecoveryChallenge } | { allowed: false; reason: string };

/** A value sealed to the active unit key: opening it proves the kit holds the unit's secret key. */
export interface RecoveryChallenge {
	issued_at: string;
	sealed: string;
}
