import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { InferOutput } from 'valibot';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { onboardMember } from '../../src/lib/server/staff/accounts';
import { issueEnrolment } from '../../src/lib/server/staff/enrolment';
import { DomainError } from '../../src/lib/server/errors';
import { createInvite, inviteBinding } from '../../src/lib/server/staff/invites';
import type { OnboardForm } from '../../src/lib/staff/schemas';
import { freshDb } from './support/db';
import { insertStaffRow } from './support/staff';

process.env.SERVER_SECRET = toBase64url(new Uint8Array(randomBytes(32)));

const bytes = (n: number) => new Uint8Array(randomBytes(n));
const codeFor = (base32: string) => new TOTP({ secret: Secret.fromBase32(base32) }).generate();

function onboardForm(username: string, enrolment: string, totpSecret: string) {
	return {
		username,
		enrolment,
		totp_code: codeFor(totpSecret),
		kdf_salt: bytes(16),
		kdf_ops: 2,
		kdf_mem: 67108864,
		auth_key: bytes(32),
		box_pk: bytes(32),
		sign_pk: bytes(32),
		secret_box: bytes(150),
		secret_nonce: bytes(24)
	} satisfies InferOutput<typeof OnboardForm>;
}

async function twoInvites() {
	const { db } = await freshDb();
	const admin = await insertStaffRow(db, { role: 'admin' });
	const first = await createInvite(db, { id: admin }, { role: 'reviewer', team: 'RASSO' });
	const second = await createInvite(db, { id: admin }, { role: 'reviewer', team: 'CSE' });
	return { db, first: first.token, second: second.token };
}

const refusalOf = (work: Promise<unknown>) =>
	work.then(
		() => null,
		(e: unknown) => (e instanceof DomainError ? { status: e.status, message: e.message } : e)
	);

describe('an enrolment token belongs to its invite', () => {
	it('refuses a token from one invite on a second invite with a 4xx, and adds nobody', async () => {
		const { db, first, second } = await twoInvites();
		const enrolment = await issueEnrolment('invite', await inviteBinding(first));
		await onboardMember(
			db,
			first,
			onboardForm('first.member', enrolment.token, enrolment.totpSecret)
		);

		const reused = onboardForm('second.member', enrolment.token, enrolment.totpSecret);
		const outcome = await refusalOf(onboardMember(db, second, reused));
		expect(outcome).toMatchObject({ status: 400 });
		const names = await db.selectFrom('staff').select('username').execute();
		expect(names.map((n) => n.username)).not.toContain('second.member');
		const unused = await db
			.selectFrom('invites')
			.select('used_at')
			.where('used_at', 'is', null)
			.execute();
		expect(unused).toHaveLength(1);
	});

	it('refuses the same invite twice with a 4xx', async () => {
		const { db, first } = await twoInvites();
		const enrolment = await issueEnrolment('invite', await inviteBinding(first));
		await onboardMember(
			db,
			first,
			onboardForm('first.member', enrolment.token, enrolment.totpSecret)
		);
		const again = onboardForm('other.member', enrolment.token, enrolment.totpSecret);
		expect(await refusalOf(onboardMember(db, first, again))).toMatchObject({ status: 410 });
	});

	it('refuses a token made for no invite (or before tokens were bound)', async () => {
		const { db, first } = await twoInvites();
		const unbound = await issueEnrolment('invite');
		const form = onboardForm('first.member', unbound.token, unbound.totpSecret);
		expect(await refusalOf(onboardMember(db, first, form))).toMatchObject({ status: 400 });
	});
});
