import * as v from 'valibot';

/** The names the portal shows: its own (page titles, headers, feeds) and the unit's (in
 * sentences such as "you can tell … here"). Admins set them at /staff/settings/portal. */
export interface PortalNames {
	name: string;
	unit: string;
}

export const DEFAULT_PORTAL_NAMES: PortalNames = {
	name: 'SafeReport',
	unit: "the police's specialist team"
};

export const PORTAL_NAME_MAX = 40;
export const UNIT_NAME_MAX = 100;

export const PortalNamesSchema = v.object({
	name: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'Give the portal a name.'),
		v.maxLength(PORTAL_NAME_MAX, `Keep the portal name under ${PORTAL_NAME_MAX} characters.`)
	),
	unit: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'Give the name of the unit.'),
		v.maxLength(UNIT_NAME_MAX, `Keep the unit name under ${UNIT_NAME_MAX} characters.`)
	)
});
