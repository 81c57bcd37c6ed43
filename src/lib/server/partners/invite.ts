import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { DomainError } from '../errors';
import { createInvite } from '../staff/invites';
import { PARTNER_ROLE } from '../../report/vocabulary';
import { findOrg } from './orgs';

/** The team column needs a value; a partner worker belongs to no unit team, and the Liaison
 * officer is the unit's contact for partners. It grants nothing: every check reads the role. */
const PARTNER_TEAM = 'Liaison';

/** An invite to join a partner organisation, by an admin (the first worker) or by a worker of
 * that organisation (a colleague). The link opens /partner/invite. */
export async function invitePartnerWorker(db: Db, actor: Staff, orgId: string) {
	const org = await findOrg(db, orgId);
	const mayInvite =
		actor.role === 'admin' || (actor.role === PARTNER_ROLE && actor.org_id === orgId);
	if (!org || !mayInvite) {
		throw new DomainError(404, 'not_found', 'No organisation has that id.', 'org_id');
	}
	if (org.status !== 'active') {
		throw new DomainError(409, 'conflict', `${org.name} is disabled.`, 'org_id');
	}
	const invite = await createInvite(db, actor, {
		role: PARTNER_ROLE,
		team: PARTNER_TEAM,
		orgId: org.id
	});
	return { ...invite, org: org.name };
}

export const partnerInviteLink = (origin: string, token: string) =>
	`${origin}/partner/invite/${token}`;
