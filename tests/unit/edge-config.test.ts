import { describe, expect, it } from 'vitest';
import { readEdgeConfig } from '../../src/lib/server/hooks/edge-config.js';
import { onionLocation } from '../../src/lib/server/hooks/onion-location';

const ONION = 'http://' + 'a'.repeat(52) + 'b2cd.onion';

describe('proxy and onion settings', () => {
	it('reads nothing from the network by default: socket addresses, no onion', () => {
		expect(readEdgeConfig({})).toEqual({
			addressHeader: null,
			xffDepth: 1,
			sharedAddress: false,
			onionOrigin: null
		});
	});

	it('takes the address header and depth a proxy is set up with', () => {
		const config = readEdgeConfig({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' });
		expect(config.addressHeader).toBe('x-forwarded-for');
		expect(config.xffDepth).toBe(2);
		expect(readEdgeConfig({ ADDRESS_HEADER: 'X-Real-IP' }).addressHeader).toBe('x-real-ip');
	});

	it('refuses a malformed address header or depth with a sentence naming the setting', () => {
		expect(() => readEdgeConfig({ ADDRESS_HEADER: 'X Forwarded For' })).toThrow(/ADDRESS_HEADER/);
		for (const depth of ['0', '-1', 'one', '1.5', '999']) {
			expect(() => readEdgeConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: depth })).toThrow(
				/XFF_DEPTH must be a whole number/
			);
		}
		// A depth with no X-Forwarded-For to count in would be silently ignored by the adapter.
		expect(() => readEdgeConfig({ XFF_DEPTH: '1' })).toThrow(/XFF_DEPTH is set but/);
		expect(() => readEdgeConfig({ ADDRESS_HEADER: 'x-real-ip', XFF_DEPTH: '1' })).toThrow(
			/XFF_DEPTH is set but/
		);
	});

	it('shares one address when asked, and by default when the portal is the onion service', () => {
		expect(readEdgeConfig({ SHARED_ADDRESS: 'on' }).sharedAddress).toBe(true);
		expect(readEdgeConfig({ ORIGIN: ONION }).sharedAddress).toBe(true);
		expect(readEdgeConfig({ ORIGIN: ONION, SHARED_ADDRESS: 'off' }).sharedAddress).toBe(false);
		expect(readEdgeConfig({ ORIGIN: 'https://report.example.org' }).sharedAddress).toBe(false);
		expect(() => readEdgeConfig({ SHARED_ADDRESS: 'yes' })).toThrow(/SHARED_ADDRESS must be/);
		expect(() =>
			readEdgeConfig({ SHARED_ADDRESS: 'on', ADDRESS_HEADER: 'x-forwarded-for' })
		).toThrow(/Set one/);
	});

	it('accepts a v3 onion origin and refuses anything else with a clear error', () => {
		expect(readEdgeConfig({ ONION_ORIGIN: ONION + '/' }).onionOrigin).toBe(ONION);
		expect(readEdgeConfig({ ONION_ORIGIN: ONION.replace('http:', 'https:') }).onionOrigin).toBe(
			ONION.replace('http:', 'https:')
		);
		const refused: [string, RegExp][] = [
			['not a url', /is not an address/],
			['ftp://' + 'a'.repeat(56) + '.onion', /http:\/\/ or https:\/\//],
			['http://example.org', /not a v3 onion address/],
			['http://expyuzz4wqqyqhjn.onion', /not a v3 onion address/],
			['http://' + 'a'.repeat(55) + '1.onion', /not a v3 onion address/],
			[ONION + '/report', /leave out any path/],
			[ONION + '/?a=1', /leave out any path/],
			['http://user@' + ONION.slice(7), /leave out any path/]
		];
		for (const [value, message] of refused) {
			expect(() => readEdgeConfig({ ONION_ORIGIN: value }), value).toThrow(message);
		}
		expect(() => readEdgeConfig({ ONION_ORIGIN: ONION, ORIGIN: ONION })).toThrow(
			/this portal is the onion service itself/
		);
	});
});

describe('Onion-Location', () => {
	const at = (path: string) => new URL(path, 'https://report.example.org');

	it('names the same path and query on the onion service, on public pages over HTTPS', () => {
		expect(onionLocation(ONION, at('/'), true)).toBe(ONION + '/');
		expect(onionLocation(ONION, at('/status?lang=pl'), true)).toBe(ONION + '/status?lang=pl');
	});

	it('is not sent over plain HTTP, on staff pages or the API, or without an onion origin', () => {
		expect(onionLocation(ONION, at('/report'), false)).toBeNull();
		expect(onionLocation(ONION, at('/staff'), true)).toBeNull();
		expect(onionLocation(ONION, at('/staff/login'), true)).toBeNull();
		expect(onionLocation(ONION, at('/api/v1/unit-key'), true)).toBeNull();
		expect(onionLocation(null, at('/report'), true)).toBeNull();
		expect(onionLocation(ONION, at('/staffing'), true)).toBe(ONION + '/staffing');
	});
});
