import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { TOTP_PERIOD, totpFor as labelledTotp } from '../../staff/totp-uri';
import { aeadOpen, aeadSeal } from '../../crypto/aead';
import { utf8 } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import type { Database } from '../db/schema';
import { serverSubkey } from './server-keys';

/** One step either side: a phone clock a little off still works. */
const WINDOW = 1;

const totpFor = (secret: Uint8Array, account = '') =>
	labelledTotp(new Secret({ buffer: secret.slice().buffer }), account);

export const newTotpSecret = (): Uint8Array => new Uint8Array(randomBytes(20));

/** The secret as an app's key (base32) and the otpauth:// URI labelled with the member's name. */
export function totpEnrolment(secret: Uint8Array, username: string) {
	const totp = totpFor(secret, username);
	return { uri: totp.toString(), base32: totp.secret.base32 };
}

export const totpStepAt = (ms: number = Date.now()): number =>
	TOTP.counter({ period: TOTP_PERIOD, timestamp: ms });

/** The time step a code belongs to, within the window around `now`, or null when it matches none.
 * The comparison inside otpauth is constant-time. */
export function matchTotpStep(
	secret: Uint8Array,
	code: string,
	now: number = Date.now()
): number | null {
	if (!/^\d{6}$/.test(code)) {
		return null;
	}
	const delta = totpFor(secret).validate({ token: code, timestamp: now, window: WINDOW });
	return delta === null ? null : totpStepAt(now) + delta;
}

/**
 * Marks a step used. A code is accepted once: the update only succeeds for a step later than the
 * last one accepted, and it is a single conditional write, so two racing logins cannot both win.
 */
export async function consumeTotpStep(
	db: Kysely<Database>,
	staffId: string,
	step: number
): Promise<boolean> {
	const result = await db
		.updateTable('staff')
		.set({ totp_last_step: step })
		.where('id', '=', staffId)
		.where('totp_last_step', '<', step)
		.executeTakeFirst();
	return result.numUpdatedRows === 1n;
}

const totpAd = (staffId: string) => utf8('totp1|' + staffId);

/** The TOTP secret is stored sealed with the server secret: a copied database cannot mint codes. */
export async function sealTotpSecret(
	staffId: string,
	secret: Uint8Array,
	serverSecret?: Uint8Array
) {
	const sodium = await getSodium();
	const key = await serverSubkey('totp', serverSecret);
	const { nonce, ciphertext } = aeadSeal(sodium, secret, totpAd(staffId), key);
	sodium.memzero(key);
	return { totp_secret: ciphertext, totp_nonce: nonce };
}

export async function openTotpSecret(
	row: { id: string; totp_secret: Uint8Array; totp_nonce: Uint8Array },
	serverSecret?: Uint8Array
): Promise<Uint8Array> {
	const sodium = await getSodium();
	const key = await serverSubkey('totp', serverSecret);
	try {
		return aeadOpen(
			sodium,
			new Uint8Array(row.totp_secret),
			totpAd(row.id),
			new Uint8Array(row.totp_nonce),
			key
		);
	} finally {
		sodium.memzero(key);
	}
}
