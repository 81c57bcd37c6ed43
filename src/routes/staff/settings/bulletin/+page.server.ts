import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { toMe } from '$lib/server/staff/repository';
import {
	bulletinPassphraseIsSet,
	BULLETIN_PASSPHRASE_MIN,
	setBulletinPassphrase
} from '$lib/server/warnings/bulletin-access';
import { createFeedKey, listFeedKeys, revokeFeedKey } from '$lib/server/warnings/feed-keys';
import {
	BulletinPassphraseForm,
	FeedKeyForm,
	FeedKeyIdForm
} from '$lib/server/warnings/settings-forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	const db = await getDb();
	return {
		me: toMe(admin),
		passphraseSet: await bulletinPassphraseIsSet(db),
		passphraseMin: BULLETIN_PASSPHRASE_MIN,
		feedKeys: await listFeedKeys(db)
	};
}) satisfies PageServerLoad;

export const actions = {
	passphrase: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(BulletinPassphraseForm, await formFields(event.request));
			if (form.confirm !== form.passphrase) {
				throw new DomainError(400, 'invalid', 'The two passphrases are not the same.', 'confirm');
			}
			const { rotated } = await setBulletinPassphrase(await getDb(), admin, form.passphrase);
			return { passphraseSaved: rotated ? 'rotated' : 'set' };
		}),
	createKey: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(FeedKeyForm, await formFields(event.request));
			const { key } = await createFeedKey(await getDb(), admin, form.label);
			return {
				newKey: { label: form.label, key, url: `${event.url.origin}/api/v1/warnings/feed.atom` }
			};
		}),
	revokeKey: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(FeedKeyIdForm, await formFields(event.request));
			await revokeFeedKey(await getDb(), admin, form.id);
			return { revoked: form.id };
		})
} satisfies Actions;
