import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { invitePartnerWorker, partnerInviteLink } from '$lib/server/partners/invite';
import {
	disableOrg,
	disableWorker,
	listOrgs,
	listWorkers,
	registerOrg
} from '$lib/server/partners/orgs';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { toMe } from '$lib/server/staff/repository';
import { OrgIdForm, RegisterOrgForm, WorkerIdForm } from '$lib/partner/schemas';
import type { Actions, PageServerLoad } from './$types';

/** Partner organisations (DESIGN §5.8): admins register them, invite their first worker, and
 * disable a worker or a whole organisation. Nothing here shows or opens a wallet. */
export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	const db = await getDb();
	const orgs = await listOrgs(db);
	return {
		me: toMe(admin),
		orgs: await Promise.all(
			orgs.map(async (org) => ({
				...org,
				workers: (await listWorkers(db, org.id)).map((w) => ({
					id: w.id,
					username: w.username,
					status: w.status
				}))
			}))
		)
	};
}) satisfies PageServerLoad;

export const actions = {
	register: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(RegisterOrgForm, await formFields(event.request));
			await registerOrg(await getDb(), admin, form);
			return { registered: form.name };
		}),
	invite: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(OrgIdForm, await formFields(event.request));
			const made = await invitePartnerWorker(await getDb(), admin, form.org_id);
			return {
				invite: {
					link: partnerInviteLink(event.url.origin, made.token),
					expiresAt: made.expiresAt,
					org: made.org
				}
			};
		}),
	disableWorker: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(WorkerIdForm, await formFields(event.request));
			const worker = await disableWorker(await getDb(), admin, form.staff_id);
			return { done: `${worker.username} is disabled and signed out.` };
		}),
	disableOrg: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(OrgIdForm, await formFields(event.request));
			const org = await disableOrg(await getDb(), admin, form.org_id);
			return { done: `${org.name} is disabled; its workers are signed out.` };
		})
} satisfies Actions;
