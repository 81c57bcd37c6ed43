import { getDb } from '$lib/server/db';
import { requirePartner } from '$lib/server/partners/guard';
import { invitePartnerWorker, partnerInviteLink } from '$lib/server/partners/invite';
import { disableWorker } from '$lib/server/partners/orgs';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { WorkerIdForm } from '$lib/partner/schemas';
import type { Actions, PageServerLoad } from './$types';

/** The wallet page. The server hands over nothing of the wallet here: the browser fetches the
 * ciphertext and opens it. The unit key is for sealing replies, as on the status page. */
export const load = (async (event) => {
	requirePartner(event);
	return { unitKey: await publishedUnitKey(await getDb()) };
}) satisfies PageServerLoad;

export const actions = {
	invite: (event) =>
		refusalsAsFailures(async () => {
			const { worker, org } = requirePartner(event);
			const made = await invitePartnerWorker(await getDb(), worker, org.id);
			return {
				invite: { link: partnerInviteLink(event.url.origin, made.token), expiresAt: made.expiresAt }
			};
		}),
	disableColleague: (event) =>
		refusalsAsFailures(async () => {
			const { worker } = requirePartner(event);
			const form = parseWith(WorkerIdForm, await formFields(event.request));
			const left = await disableWorker(await getDb(), worker, form.staff_id);
			return { left: left.username };
		})
} satisfies Actions;
