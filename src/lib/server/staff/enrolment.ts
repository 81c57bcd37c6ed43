import { randomUUID } from 'node:crypto';
import { Secret } from 'otpauth';
import { aeadOpen, aeadSeal } from '../../crypto/aead';
import { concatBytes, fromBase64url, fromUtf8, toBase64url, utf8 } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import { serverSubkey } from './server-keys';
import { newTotpSecret } from './totp';
import { DomainError } from '../errors';

/**
 * A new member's id and TOTP secret, made by the server before the account exists. The browser
 * needs the id to bind the wrapped keys to it, and the secret to set up the authenticator app.
 * Rather than keep half-made accounts, the server hands both to the browser sealed under its own
 * key (the enrolment token) and takes them back, unaltered, when the form is sent.
 */
const LIFETIME_MS = 60 * 60_000;
const AD = utf8('enrol1');

export type EnrolmentPurpose = 'setup' | 'invite';

export interface Enrolment {
	token: string;
	staffId: string;
	/** base32; the browser makes the otpauth:// URI once the member has chosen a username. */
	totpSecret: string;
}

/**
 * `boundTo` names what the enrolment is for (an invite's token hash), so a token issued on one
 * invite page cannot complete another invite with the same staff id.
 */
export async function issueEnrolment(
	purpose: EnrolmentPurpose,
	boundTo = '',
	now = Date.now()
): Promise<Enrolment> {
	const sodium = await getSodium();
	const staffId = randomUUID();
	const secret = newTotpSecret();
	const body = {
		purpose,
		bound_to: boundTo,
		staff_id: staffId,
		secret: toBase64url(secret),
		exp: now + LIFETIME_MS
	};
	const key = await serverSubkey('enrolment');
	const { nonce, ciphertext } = aeadSeal(sodium, utf8(JSON.stringify(body)), AD, key);
	return {
		token: toBase64url(concatBytes(nonce, ciphertext)),
		staffId,
		totpSecret: new Secret({ buffer: secret.slice().buffer }).base32
	};
}

export async function openEnrolment(
	token: string,
	purpose: EnrolmentPurpose,
	boundTo = '',
	now = Date.now()
): Promise<{ staffId: string; secret: Uint8Array }> {
	const sodium = await getSodium();
	const key = await serverSubkey('enrolment');
	let body: { purpose: string; bound_to?: string; staff_id: string; secret: string; exp: number };
	try {
		const raw = fromBase64url(token);
		const plain = aeadOpen(sodium, raw.subarray(24), AD, raw.subarray(0, 24), key);
		body = JSON.parse(fromUtf8(plain));
	} catch {
		throw new DomainError(
			400,
			'invalid',
			'This form is out of date. Please reload the page and start again.'
		);
	}
	if ((body.bound_to ?? '') !== boundTo) {
		throw new DomainError(
			400,
			'invalid',
			'This form belongs to another invite. Please open your own link again.'
		);
	}
	if (body.purpose !== purpose || body.exp < now) {
		throw new DomainError(
			400,
			'invalid',
			'This form has been open too long. Reload the page and set up your authenticator app again.',
			'totp_code'
		);
	}
	return { staffId: body.staff_id, secret: fromBase64url(body.secret) };
}
