import { toBase64url } from '$lib/crypto/encoding';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { citableDeviations, MIN_KEY_HOLDERS } from '$lib/server/keyring/key-holders';
import { rotateUnitKey, type Rotation } from '$lib/server/keyring/rotation';
import { activeUnitKey } from '$lib/server/reports/unit-key';
import { formFields, parseWith, refusalsAsFailures } from '$lib/server/staff/form';
import { createInvite, INVITE_HOURS, pendingInvites } from '$lib/server/staff/invites';
import { listTeam, toMe } from '$lib/server/staff/repository';
import { revokeInvite } from '$lib/server/staff/administration';
import { InviteIdForm } from '$lib/server/staff/administration-forms';
import { disableMember, grantKeyring, removeGrant } from '$lib/server/staff/team';
import {
	DisableForm,
	GrantForm,
	InviteForm,
	RemoveGrantForm,
	RotateForm
} from '$lib/staff/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const admin = requireStaff(event, 'admin');
	const db = await getDb();
	const members = (await listTeam(db)).map((m) => ({
		id: m.id,
		username: m.username,
		role: m.role,
		team: m.team,
		status: m.status,
		boxPublicKey: toBase64url(new Uint8Array(m.box_pk)),
		keyringVersion: m.keyring_version,
		keysFrom: m.keys_from
	}));
	const unitKey = await activeUnitKey(db);
	return {
		me: toMe(admin),
		members,
		invites: await pendingInvites(db),
		inviteHours: INVITE_HOURS,
		minKeyHolders: MIN_KEY_HOLDERS,
		unitKeySince: unitKey?.created_at ?? null,
		deviations: await citableDeviations(db, admin)
	};
}) satisfies PageServerLoad;

type RotationFields = {
	version?: number;
	unit_pk?: Uint8Array;
	grants?: { staff_id: string; sealed_keyring: Uint8Array; scope: 'all' | 'new' }[];
	removed?: string[];
};

function rotationFrom(form: RotationFields): Rotation {
	if (!form.version || !form.unit_pk || !form.grants || !form.removed) {
		throw new DomainError(
			400,
			'invalid',
			'The new unit key is missing. Unlock your keys and try again.'
		);
	}
	return {
		version: form.version,
		unitPublicKey: form.unit_pk,
		grants: form.grants.map((g) => ({
			staffId: g.staff_id,
			sealedKeyring: g.sealed_keyring,
			scope: g.scope
		})),
		removed: form.removed
	};
}

export const actions = {
	invite: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(InviteForm, await formFields(event.request));
			const { token, expiresAt } = await createInvite(await getDb(), admin, form);
			return {
				invite: { link: `${event.url.origin}/staff/invite/${token}`, expiresAt, ...form }
			};
		}),
	grant: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(GrantForm, await formFields(event.request));
			await grantKeyring(await getDb(), admin, {
				memberId: form.member_id,
				version: form.version,
				sealedKeyring: form.sealed_keyring
			});
			return { granted: form.member_id };
		}),
	removeGrant: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(RemoveGrantForm, await formFields(event.request));
			await removeGrant(await getDb(), admin, form.member_id, form.deviation_id);
			return { ungranted: form.member_id };
		}),
	rotate: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(RotateForm, await formFields(event.request));
			const done = await rotateUnitKey(await getDb(), admin, rotationFrom(form), form.deviation_id);
			return { rotated: { version: done.version, unitKeyId: done.unit_key_id } };
		}),
	disable: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const form = parseWith(DisableForm, await formFields(event.request));
			const rotation = form.rotate === 'yes' ? rotationFrom(form) : undefined;
			await disableMember(await getDb(), admin, form.member_id, {
				rotation,
				deviationId: form.deviation_id
			});
			return {
				disabled: form.member_id,
				rotated: rotation ? { version: rotation.version } : null
			};
		}),
	revokeInvite: (event) =>
		refusalsAsFailures(async () => {
			const admin = requireStaff(event, 'admin');
			const { invite } = parseWith(InviteIdForm, await formFields(event.request));
			await revokeInvite(await getDb(), admin, invite);
			return { inviteRevoked: invite };
		})
} satisfies Actions;
