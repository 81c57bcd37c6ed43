import { URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchTotpStep, newTotpSecret, totpEnrolment } from '../../src/lib/server/staff/totp';
import { totpUri } from '../../src/lib/staff/totp-uri';

/** Each member's authenticator entry carries their own username, not one label shared by all. */
describe('authenticator entries', () => {
	it('are labelled with the member’s username under the SafeReport issuer', () => {
		const a = URI.parse(totpEnrolment(newTotpSecret(), 'ada.admin').uri);
		const b = URI.parse(totpEnrolment(newTotpSecret(), 'rita.reviewer').uri);
		expect([a.issuer, a.label]).toEqual(['SafeReport', 'ada.admin']);
		expect([b.issuer, b.label]).toEqual(['SafeReport', 'rita.reviewer']);
		expect(totpEnrolment(newTotpSecret(), 'ada.admin').uri).toMatch(
			/^otpauth:\/\/totp\/SafeReport:ada\.admin\?/
		);
	});

	it('made in the browser from the base32 key give codes the server accepts', () => {
		const secret = newTotpSecret();
		const { base32 } = totpEnrolment(secret, 'x');
		const app = URI.parse(totpUri(base32, 'sam_o-k'));
		expect(app.label).toBe('sam_o-k');
		const now = Date.now();
		expect(matchTotpStep(secret, app.generate({ timestamp: now }), now)).not.toBeNull();
	});
});
