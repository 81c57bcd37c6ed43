import type { InferOutput } from 'valibot';
import { authHashOf } from '../../crypto/staff-keys';
import { unitKeyIdOf } from '../../crypto/keyring';
import { getSodium } from '../../crypto/sodium';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Kysely } from 'kysely';
import type { Database, MemberRole, NewStaff, StaffTeam } from '../db/schema';
import type { Audience } from './audience';
import { nowIso } from '../time';
import type { newCredentials, OnboardForm, SetupForm } from '../../staff/schemas';
import { openEnrolment } from './enrolment';
import { hashInviteToken, inviteBinding } from './invites';
import { insertStaff, usernameTaken } from './repository';
import { consumeSetupCode, setupCodeMatches, setupDone, unitKeyExists } from './setup-code';
import { consumeTotpStep, matchTotpStep, sealTotpSecret } from './totp';
import { DomainError } from '../errors';

type Credentials = { [K in keyof typeof newCredentials]: InferOutput<(typeof newCredentials)[K]> };

/** Checks the first code from the new authenticator app: proof the member set it up. */
async function confirmEnrolment(
	purpose: 'setup' | 'invite',
	form: { enrolment: string; totp_code: string },
	boundTo = ''
) {
	const { staffId, secret } = await openEnrolment(form.enrolment, purpose, boundTo);
	const step = matchTotpStep(secret, form.totp_code);
	if (step === null) {
		throw new DomainError(
			400,
			'invalid',
			'That code did not match. Check the time on your phone and enter the newest code.',
			'totp_code'
		);
	}
	return { staffId, secret, step };
}

/** A staff row from what the browser made; only the hash of auth_key is kept. */
async function staffRow(
	staffId: string,
	username: string,
	role: MemberRole,
	team: StaffTeam,
	credentials: Credentials,
	totp: Uint8Array,
	now: string,
	orgId: string | null = null
): Promise<NewStaff> {
	return {
		id: staffId,
		username,
		role,
		team,
		status: 'active',
		kdf_salt: credentials.kdf_salt,
		kdf_ops: credentials.kdf_ops,
		kdf_mem: credentials.kdf_mem,
		auth_hash: authHashOf(await getSodium(), credentials.auth_key),
		box_pk: credentials.box_pk,
		sign_pk: credentials.sign_pk,
		secret_box: credentials.secret_box,
		secret_nonce: credentials.secret_nonce,
		...(await sealTotpSecret(staffId, totp)),
		created_at: now,
		disabled_at: null,
		org_id: orgId
	};
}

export const SETUP_DONE = 'Setup is already done. The setup code no longer works.';

async function checkSetupOpen(db: Kysely<Database>, code: string) {
	if (await setupDone(db)) {
		throw new DomainError(410, 'gone', SETUP_DONE);
	}
	if (!(await setupCodeMatches(db, code))) {
		throw new DomainError(
			400,
			'invalid',
			'That setup code is not right. Copy it again from the server log.',
			'setup_code'
		);
	}
}

/**
 * First-run setup: the first admin, the first unit key and keyring v1 sealed to the admin, in one
 * transaction with its audit event. The setup code is checked inside the transaction and deleted
 * by it, so two racing requests cannot both succeed and the code never works again.
 *
 * When the unit already has a key (every admin gone, or a restored backup), setup makes the admin
 * only: no new unit key, no keyring. The new admin then opens the recovery kit (recovery.ts).
 */
export async function createFirstAdmin(db: Db, form: InferOutput<typeof SetupForm>) {
	const sodium = await getSodium();
	await checkSetupOpen(db, form.setup_code);
	const restoring = await unitKeyExists(db);
	if (restoring && (form.unit_pk || form.sealed_keyring)) {
		throw new DomainError(
			409,
			'conflict',
			'This portal already has a unit key. Reload the page: after you sign in, open the recovery kit.'
		);
	}
	if (!restoring && (!form.unit_pk || !form.sealed_keyring)) {
		throw new DomainError(
			400,
			'invalid',
			'Something needed is missing. This page needs JavaScript; please reload it and try again.'
		);
	}
	const { staffId, secret, step } = await confirmEnrolment('setup', form);
	return withAudit(db, async (trx) => {
		await checkSetupOpen(trx, form.setup_code);
		if (await usernameTaken(trx, form.username)) {
			throw new DomainError(409, 'conflict', 'That username is taken. Choose another.', 'username');
		}
		const now = nowIso();
		await insertStaff(
			trx,
			await staffRow(staffId, form.username, 'admin', 'RASSO', form, secret, now)
		);
		// The enrolment code itself may not be used again to log in.
		await consumeTotpStep(trx, staffId, step);
		await consumeSetupCode(trx);
		if (!form.unit_pk || !form.sealed_keyring) {
			return {
				result: staffId,
				audit: {
					actorId: staffId,
					action: 'staff.setup',
					subject: staffId,
					detail: { username: form.username, restoring: true }
				}
			};
		}
		const unitKeyId = unitKeyIdOf(sodium, form.unit_pk);
		await trx
			.insertInto('unit_keys')
			.values({
				id: unitKeyId,
				public_key: form.unit_pk,
				created_at: now,
				created_by: staffId,
				retired_at: null
			})
			.execute();
		await trx
			.insertInto('keyring_grants')
			.values({
				staff_id: staffId,
				version: 1,
				sealed_keyring: form.sealed_keyring,
				granted_by: staffId,
				granted_at: now
			})
			.execute();
		return {
			result: staffId,
			audit: {
				actorId: staffId,
				action: 'staff.setup',
				subject: staffId,
				detail: { username: form.username, unit_key_id: unitKeyId, keyring_version: 1 }
			}
		};
	});
}

/** An invited member sets up their account; the invite is used up in the same transaction. An
 * invite works only on its own audience's page: a partner invite never makes a staff account. */
export async function onboardMember(
	db: Db,
	token: string,
	form: InferOutput<typeof OnboardForm>,
	audience: Audience = 'staff'
) {
	const { staffId, secret, step } = await confirmEnrolment(
		'invite',
		form,
		await inviteBinding(token)
	);
	const tokenHash = await hashInviteToken(token);
	return withAudit(db, async (trx) => {
		const now = nowIso();
		const invite = await trx
			.updateTable('invites')
			.set({ used_at: now, used_by: staffId })
			.where('token_hash', '=', tokenHash)
			.where('used_at', 'is', null)
			.where('expires_at', '>', now)
			.where('org_id', audience === 'partner' ? 'is not' : 'is', null)
			.returning(['role', 'team', 'org_id'])
			.executeTakeFirst();
		if (!invite) {
			throw new DomainError(
				410,
				'gone',
				'This invite link has expired or has already been used. Ask an admin for a new one.'
			);
		}
		if (await usernameTaken(trx, form.username)) {
			throw new DomainError(409, 'conflict', 'That username is taken. Choose another.', 'username');
		}
		await insertStaff(
			trx,
			await staffRow(
				staffId,
				form.username,
				invite.role,
				invite.team,
				form,
				secret,
				now,
				invite.org_id
			)
		);
		await consumeTotpStep(trx, staffId, step);
		return {
			result: staffId,
			audit: {
				actorId: staffId,
				action: invite.org_id ? 'partner.onboard' : 'staff.onboard',
				subject: staffId,
				detail: {
					username: form.username,
					role: invite.role,
					team: invite.team,
					...(invite.org_id ? { org_id: invite.org_id } : {})
				}
			}
		};
	});
}
