import { PARTNER_ROLE, type MemberRole } from '../../report/vocabulary';

/** Who an account, invite or sign-in page is for: unit staff, or partner workers (DESIGN §5.8).
 * The two share the identity code and never each other's pages: a partner's name is unknown at
 * the staff sign-in and a staff member's at the partner sign-in. */
export type Audience = 'staff' | 'partner';

export const inAudience = (member: { role: MemberRole }, audience: Audience): boolean =>
	(member.role === PARTNER_ROLE) === (audience === 'partner');
