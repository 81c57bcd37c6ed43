import { describe, expect, it } from 'vitest';
import { addressBucket } from '../../src/lib/server/hooks/address-bucket';
import {
	BUDGETS,
	budgetFor,
	RateCounters,
	type Budget
} from '../../src/lib/server/hooks/rate-limit';

describe('addressBucket', () => {
	it('counts two addresses in the same IPv6 /64 as one, however they are written', () => {
		const one = addressBucket('2001:db8:85a3:8d3:1319:8a2e:370:7348');
		expect(one).toBe('2001:db8:85a3:8d3::/64');
		expect(addressBucket('2001:db8:85a3:8d3::1')).toBe(one);
		expect(addressBucket('2001:0DB8:85A3:08D3:ffff:ffff:ffff:ffff')).toBe(one);
		expect(addressBucket('2001:db8:85a3:8d3::1.2.3.4')).toBe(one);
		expect(addressBucket('fe80::1%eth0')).toBe(addressBucket('fe80::2'));
	});

	it('keeps different /64s apart', () => {
		const a = addressBucket('2001:db8:85a3:8d3::1');
		expect(addressBucket('2001:db8:85a3:8d4::1')).not.toBe(a);
		expect(addressBucket('2001:db8:85a4:8d3::1')).not.toBe(a);
		expect(addressBucket('::1')).toBe('0:0:0:0::/64');
		expect(addressBucket('::')).toBe('0:0:0:0::/64');
	});

	it('counts an IPv4-mapped IPv6 address as the IPv4 address, and IPv4 per address', () => {
		expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(addressBucket('::FFFF:cb00:7107')).toBe('203.0.113.7');
		expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
		expect(addressBucket('203.0.113.8')).not.toBe(addressBucket('203.0.113.7'));
	});
});

describe('rate budgets', () => {
	const budget = (name: string) => BUDGETS.find((b) => b.name === name)!;
	/** Spends until refused; returns how many went through. */
	const allowed = (counters: RateCounters, b: Budget, address: string, now: number) => {
		let n = 0;
		while (counters.take(b, address, now) === 0) {
			n++;
		}
		return n;
	};

	it('gives the no-JavaScript forms their own budget, smaller than the JSON API', () => {
		const report = budgetFor('POST', '/report');
		expect(report?.name).toBe('no-js-forms');
		expect(budgetFor('POST', '/status')).toBe(report);
		expect(budgetFor('POST', '/api/v1/reports')?.name).toBe('api-reports');
		expect(budgetFor('POST', '/api/v1/status/messages')?.name).toBe('api-status');
		expect(budgetFor('GET', '/report')).toBeUndefined();
		const perMinute = (b: Budget) => (b.requests * 60_000) / b.windowMs;
		expect(perMinute(report!)).toBeLessThan(perMinute(budget('api-reports')));
		expect(perMinute(report!)).toBeLessThan(perMinute(budget('api-status')));
	});

	it('refuses the no-JavaScript forms after their budget while the JSON API still answers', () => {
		const counters = new RateCounters(1, 0);
		const address = '2001:db8:1:2::10';
		const forms = budget('no-js-forms');
		expect(allowed(counters, forms, address, 1000)).toBe(forms.requests);
		expect(counters.take(forms, address, 2000)).toBe(forms.windowMs - 1000);
		expect(counters.take(budget('api-reports'), address, 2000)).toBe(0);
		expect(counters.take(budget('api-status'), address, 2000)).toBe(0);
		// The window ends and the forms answer again.
		expect(counters.take(forms, address, 1000 + forms.windowMs)).toBe(0);
	});

	it('limits every sign-in and every account set-up, staff and partner alike', () => {
		expect(budgetFor('POST', '/staff/login')?.name).toBe('staff-login');
		expect(budgetFor('POST', '/partner/login')?.name).toBe('partner-login');
		for (const path of ['/staff/setup', '/staff/invite/abc', '/partner/invite/abc']) {
			expect(budgetFor('POST', path)?.name, path).toBe('staff-setup');
		}
		// A partner guessing passphrases meets the same wall as anyone guessing a staff one.
		const counters = new RateCounters(1, 0);
		const partner = budget('partner-login');
		expect(partner.requests).toBe(budget('staff-login').requests);
		expect(allowed(counters, partner, '203.0.113.20', 0)).toBe(partner.requests);
		expect(counters.take(budget('staff-login'), '203.0.113.20', 0)).toBe(0);
	});

	it('shares one bucket across a /64 and keeps the next /64 apart', () => {
		const counters = new RateCounters(1, 0);
		const forms = budget('no-js-forms');
		expect(allowed(counters, forms, '2001:db8:1:2::a', 0)).toBe(forms.requests);
		expect(counters.take(forms, '2001:db8:1:2:ffff::b', 0)).toBeGreaterThan(0);
		expect(counters.take(forms, '2001:db8:1:3::a', 0)).toBe(0);
	});
});
