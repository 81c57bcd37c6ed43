import type { REPORT_STATUSES } from './status-labels';

/** The unit's teams (DESIGN §1): the values of staff.team and reports.team, in the order staff
 * pages list them. Routing (routing.ts) picks one for each new report. */
export const TEAMS = ['RASSO', 'CSE', 'Liaison', 'Exploitation'] as const;
export type Team = (typeof TEAMS)[number];

/** Staff roles (DESIGN §1): analysts see statistics only. */
export const ROLES = ['reviewer', 'analyst', 'admin'] as const;
export type StaffRole = (typeof ROLES)[number];

/** A partner organisation's worker (DESIGN §5.8): an account like a staff member's, under this
 * role and tied to an organisation, but never unit staff. Kept out of ROLES so no staff list,
 * select or check offers it. */
export const PARTNER_ROLE = 'partner';
/** Every role an account may hold: the staff roles and the partner worker's. */
export type MemberRole = StaffRole | typeof PARTNER_ROLE;

/** Report statuses still needing work: the queue's default view and its open count. */
export const OPEN_STATUSES = [
	'new',
	'in_review',
	'awaiting_reporter',
	'referred',
	'actioned'
] as const satisfies readonly (typeof REPORT_STATUSES)[number][];

/** A staff-facing report reference, SR-XXXX-XXXX in the report code's Crockford alphabet (no I,
 * L, O or U), as src/lib/server/ids.ts makes them. */
export const REPORT_REF_PATTERN = /^SR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
