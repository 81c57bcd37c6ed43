import { describe, expect, it } from 'vitest';
import {
	identifiersOf,
	normalizeEmail,
	normalizeHandle,
	normalizePhone,
	normalizeRegistration
} from '../../src/lib/report/normalize';

describe('identifier normalizers (DESIGN §5.6)', () => {
	it('writes UK phone numbers however typed as one E.164 number', () => {
		for (const typed of [
			'07700 900123',
			'+44 7700 900123',
			'7700900123',
			'0044 7700 900123',
			'+44 (0)7700 900123',
			'447700900123',
			' 07700-900-123 ',
			'(07700) 900123'
		]) {
			expect(normalizePhone(typed), typed).toBe('+447700900123');
		}
	});

	it('keeps other countries and refuses what is not a phone number', () => {
		expect(normalizePhone('+33 6 12 34 56 78')).toBe('+33612345678');
		expect(normalizePhone('0033 6 12 34 56 78')).toBe('+33612345678');
		expect(normalizePhone('')).toBeNull();
		expect(normalizePhone('n/a')).toBeNull();
		expect(normalizePhone('123')).toBeNull();
		expect(normalizePhone('+1234567890123456')).toBeNull();
	});

	it('lower-cases e-mails and refuses non-addresses', () => {
		expect(normalizeEmail('  Bad.Guy@Example.COM ')).toBe('bad.guy@example.com');
		expect(normalizeEmail('no at sign')).toBeNull();
		expect(normalizeEmail('')).toBeNull();
	});

	it('lower-cases handles without the leading @', () => {
		expect(normalizeHandle('@Punter_99')).toBe('punter_99');
		expect(normalizeHandle('punter_99')).toBe('punter_99');
		expect(normalizeHandle(' @@Punter 99 ')).toBe('punter99');
		expect(normalizeHandle('@')).toBeNull();
	});

	it('upper-cases number plates without spaces', () => {
		expect(normalizeRegistration('ab12 cde')).toBe('AB12CDE');
		expect(normalizeRegistration(' AB12-CDE ')).toBe('AB12CDE');
		expect(normalizeRegistration('   ')).toBeNull();
	});

	it('collects each distinct identifier of a report body once', () => {
		const body = {
			offender: {
				phones: ['07700 900123', '+44 7700 900123', ''],
				emails: ['X@Y.org'],
				handles: ['@Bad'],
				vehicles: [
					{ make: 'Ford', model: '', colour: '', registration: 'ab12 cde' },
					{ make: '', model: '', colour: '', registration: '' }
				]
			}
		};
		expect(identifiersOf(body)).toEqual([
			{ kind: 'phone', value: '+447700900123' },
			{ kind: 'email', value: 'x@y.org' },
			{ kind: 'handle', value: 'bad' },
			{ kind: 'vehicle', value: 'AB12CDE' }
		]);
		expect(identifiersOf({ v: 1, narrative: 'no offender section' })).toEqual([]);
		expect(identifiersOf(null)).toEqual([]);
	});
});
