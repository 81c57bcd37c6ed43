import { Secret, TOTP } from 'otpauth';

/** RFC 6238 with the parameters every authenticator app understands; the server checks codes
 * with the same ones. */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = 'SafeReport';

export const totpFor = (secret: Secret, account: string) =>
	new TOTP({
		issuer: TOTP_ISSUER,
		label: account,
		algorithm: 'SHA1',
		digits: TOTP_DIGITS,
		period: TOTP_PERIOD,
		secret
	});

/**
 * The otpauth:// URI an authenticator app scans. It is labelled with the member's username, so
 * that two members on one phone, or one member with two portals, can tell their entries apart.
 */
export const totpUri = (base32: string, username: string): string =>
	totpFor(Secret.fromBase32(base32), username).toString();
