import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { publishedUnitKey } from '$lib/server/reports/unit-key';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { importRecoveryKit, recoveryImportFor, unitKeysOnServer } from '$lib/server/staff/recovery';
import { toMe } from '$lib/server/staff/repository';
import { KitImportForm } from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';

/** The unit's published key and a check that this browser's keyring opens what is sealed to it:
 * a tool for admins and for whoever builds another client of the JSON API, not for case work.
 * The recovery kit is made from here and, when no admin holds the keyring, opened here. */
export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	const db = await getDb();
	return {
		me: toMe(admin),
		unitKey: await publishedUnitKey(db),
		unitKeys: await unitKeysOnServer(db),
		recovery: await recoveryImportFor(db, admin)
	};
}) satisfies PageServerLoad;

export const actions = {
	importKit: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(KitImportForm, await formFields(event.request));
			await importRecoveryKit(await getDb(), admin, {
				version: form.version,
				keyIds: form.key_ids,
				sealedKeyring: form.sealed_keyring,
				proof: { issuedAt: form.issued_at, value: form.proof }
			});
			return { imported: true };
		})
} satisfies Actions;
