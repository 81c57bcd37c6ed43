import { AREAS } from '../../report/areas';
import type { ReportBody } from '../../report/body';
import type { Envelope } from '../../report/envelope';
import { INCIDENT_TYPES } from '../../report/incident-types';
import type { Sodium } from '../../crypto/sodium';

/**
 * Made-up reports for demos and benchmarks. Every name, number and place is fictional (phone
 * numbers come from Ofcom's drama range 07700 900000–900999). Deterministic for a given seed, so a
 * benchmark database is the same each time it is built.
 */
export function syntheticPicker(sodium: Sodium, seed: number) {
	const key = sodium.crypto_generichash(32, `synthetic-${seed}`, null);
	let pool: Uint8Array = new Uint8Array(0);
	let at = 0;
	let block = 0;
	const byte = () => {
		if (at >= pool.length) {
			pool = sodium.randombytes_buf_deterministic(
				4096,
				sodium.crypto_generichash(32, `${block++}`, key)
			);
			at = 0;
		}
		return pool[at++];
	};
	const int = (n: number) => ((byte() << 8) | byte()) % n;
	const pick = <T>(items: readonly T[]): T => items[int(items.length)];
	return { int, pick, chance: (p: number) => int(1000) < p * 1000 };
}

const NAMES = ['Dave', 'Mike', 'Tom', 'Steve', 'Gaz', 'Jay', 'Lee', 'no name given'];
const MAKES = [
	['Ford', 'Focus'],
	['Vauxhall', 'Astra'],
	['BMW', '3 Series'],
	['Toyota', 'Prius'],
	['Audi', 'A4']
] as const;
const COLOURS = ['silver', 'black', 'white', 'dark blue', 'red'];
const STORIES = [
	'He booked by text, arrived and refused to pay, then pushed me against the wall when I asked.',
	'Client removed the condom without asking and laughed when I said stop.',
	'Came to the flat with a friend who was not agreed. They took my phone and cash.',
	'Keeps sending threats and says he will tell my family what I do.',
	'Picked me up in his car and drove somewhere I did not know. I got out at the lights.',
	'Man who says he is my boyfriend takes all the money and watches who I see.'
];

export function syntheticReport(
	sodium: Sodium,
	seed: number,
	options: { phone?: string; under18?: Envelope['under18']; types?: Envelope['types'] } = {}
): { envelope: Envelope; body: ReportBody } {
	const r = syntheticPicker(sodium, seed);
	const types = options.types ?? [
		...new Set([r.pick(INCIDENT_TYPES), ...(r.chance(0.3) ? [r.pick(INCIDENT_TYPES)] : [])])
	];
	const [make, model] = r.pick(MAKES);
	const phone = options.phone ?? `07700 900${String(r.int(1000)).padStart(3, '0')}`;
	const month = `2026-${String(1 + r.int(11)).padStart(2, '0')}`;
	const envelope: Envelope = {
		v: 1,
		types,
		area: r.pick(AREAS),
		month,
		under18: options.under18 ?? (r.chance(0.04) ? r.pick(['yes', 'unsure'] as const) : 'no'),
		reporter: r.chance(0.2) ? 'outreach' : 'self',
		warn: r.chance(0.7),
		police: r.pick(['none', 'intelligence', 'contact'] as const),
		lang: 'en',
		attachments: 0
	};
	const body: ReportBody = {
		v: 1,
		incident: {
			date: `${month}-${String(1 + r.int(28)).padStart(2, '0')}`,
			time: '',
			when: '',
			location: 'Near the station car park',
			narrative: `[SYNTHETIC] ${r.pick(STORIES)}`,
			injuries: r.chance(0.3) ? 'Bruised arm' : '',
			weapon: r.chance(0.1) ? 'Said he had a knife' : ''
		},
		offender: {
			name: r.pick(NAMES),
			age_range: r.pick(['20s', '30s', '40s', '50s']),
			appearance: 'Short dark hair, stocky',
			accent: 'Local',
			phones: [phone],
			emails: [],
			handles: [],
			vehicles: r.chance(0.5)
				? [
						{
							make,
							model,
							colour: r.pick(COLOURS),
							registration: `WX${10 + r.int(60)} ${'ABCDEFG'[r.int(7)]}KL`
						}
					]
				: [],
			contact_method: 'Text message'
		},
		about_you: { age_band: '', vulnerabilities: [], notes: '' },
		third_party:
			envelope.reporter === 'outreach'
				? { organisation: 'Outreach project', relationship: 'Support worker', agreed: 'yes' }
				: null,
		contact: {
			preference: 'none',
			phone: '',
			email: '',
			outreach: '',
			safe_times: '',
			leave_message: ''
		},
		files: []
	};
	return { envelope, body };
}
