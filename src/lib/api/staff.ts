import type { StaffRole, Team } from '../report/vocabulary';

/** The signed-in member as staff pages see it (returned by every guarded load). */
export interface Me {
	id: string;
	username: string;
	role: StaffRole;
	team: Team;
}

/** The wrapped keys served to the signed-in member by GET /api/v1/staff/me/keys. */
export interface WrappedKeys {
	staff_id: string;
	kdf: { salt: string; ops: number; mem: number };
	box_pk: string;
	sign_pk: string;
	secret_box: string;
	secret_nonce: string;
	keyring: { version: number; sealed: string } | null;
}

/** A failed form, in the one shape every staff page shows in its error summary. */
export interface FormError {
	field?: string;
	message: string;
}
