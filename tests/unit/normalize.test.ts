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

	// Real-world forms seen in reports and on advertising sites; each row: typed → normalized.
	const TABLE: [
		kind: string,
		normalize: (s: string) => string | null,
		typed: string,
		want: string | null
	][] = [
		// UK mobiles
		['phone', normalizePhone, '07700 900123', '+447700900123'],
		['phone', normalizePhone, '+447700900123', '+447700900123'],
		['phone', normalizePhone, '7700-900-123', '+447700900123'],
		['phone', normalizePhone, '+44 07700 900123', '+447700900123'],
		['phone', normalizePhone, '07700.900.123', '+447700900123'],
		['phone', normalizePhone, 'tel:+447700900123', '+447700900123'],
		['phone', normalizePhone, '+44 (0) 7700 900 123', '+447700900123'],
		// UK landlines
		['phone', normalizePhone, '01452 123456', '+441452123456'],
		['phone', normalizePhone, '(01242) 123 456', '+441242123456'],
		['phone', normalizePhone, '020 7946 0018', '+442079460018'],
		['phone', normalizePhone, '+44 20 7946 0018', '+442079460018'],
		// International
		['phone', normalizePhone, '+1 (415) 555-0123', '+14155550123'],
		['phone', normalizePhone, '00353 87 123 4567', '+353871234567'],
		['phone', normalizePhone, '+40 721 234 567', '+40721234567'],
		['phone', normalizePhone, 'withheld', null],
		// E-mails with capitals, a mailto: and a copied display name
		['email', normalizeEmail, 'Bad.Guy@Example.COM', 'bad.guy@example.com'],
		['email', normalizeEmail, 'mailto:Bad.Guy@example.com', 'bad.guy@example.com'],
		['email', normalizeEmail, 'Dave <DAVE99@Mail.co.uk>', 'dave99@mail.co.uk'],
		['email', normalizeEmail, 'dave at mail dot com', null],
		// Handles with @, spaces and pasted profile addresses
		['handle', normalizeHandle, '@NightDriver99', 'nightdriver99'],
		['handle', normalizeHandle, ' @@Night Driver ', 'nightdriver'],
		['handle', normalizeHandle, 'https://www.instagram.com/NightDriver99/', 'nightdriver99'],
		['handle', normalizeHandle, 'x.com/@NightDriver99?s=20', 'nightdriver99'],
		['handle', normalizeHandle, 'night.driver', 'night.driver'],
		// Number plates with spaces, hyphens, dots and lower case
		['vehicle', normalizeRegistration, 'ab12 cde', 'AB12CDE'],
		['vehicle', normalizeRegistration, 'AB12CDE', 'AB12CDE'],
		['vehicle', normalizeRegistration, 'AB-12-CDE', 'AB12CDE'],
		['vehicle', normalizeRegistration, 'a123 bcd', 'A123BCD'],
		['vehicle', normalizeRegistration, 'ABZ 1234', 'ABZ1234'],
		['vehicle', normalizeRegistration, ' AB12 CDE. ', 'AB12CDE'],
		['vehicle', normalizeRegistration, ' - ', null]
	];

	it.each(TABLE.map(([kind, normalize, typed, want]) => ({ kind, normalize, typed, want })))(
		'$kind "$typed" → $want',
		({ normalize, typed, want }) => {
			expect(normalize(typed)).toBe(want);
		}
	);

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
