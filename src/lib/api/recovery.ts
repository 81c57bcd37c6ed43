/** A unit key as the unit key page lists it: what a recovery kit is checked against. */
export interface UnitKeyOnServer {
	id: string;
	public_key: string;
	fingerprint: string;
	/** The newest unretired key: new reports are sealed to it. */
	active: boolean;
}

/** Whether this admin may open a recovery kit to give themselves the keyring, and why not. */
export type RecoveryImport = { allowed: true } | { allowed: false; reason: string };
