import * as v from 'valibot';
import { ROLES, TEAMS } from '../../report/vocabulary';

/** The member page's and the team page's administration forms. */
export const RoleForm = v.object({ role: v.picklist(ROLES, 'Choose a role.') });
export const TeamForm = v.object({ team: v.picklist(TEAMS, 'Choose a team.') });
export const InviteIdForm = v.object({
	invite: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8}$/, 'Reload the page and try again.'))
});
