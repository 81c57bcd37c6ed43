import { randomInt } from 'node:crypto';
import type { Db } from '../db';
import { createDemoAdmin, createDemoMember, type MadeMember } from './staff';
import { seedSyntheticReports } from './seed';

/** Short common words: a demo passphrase should be easy to type from a console. */
const WORDS = [
	'amber',
	'anchor',
	'badger',
	'basket',
	'beacon',
	'candle',
	'canyon',
	'cedar',
	'cobalt',
	'copper',
	'cotton',
	'dahlia',
	'ember',
	'falcon',
	'fern',
	'garnet',
	'glacier',
	'harbour',
	'hazel',
	'heron',
	'indigo',
	'juniper',
	'kettle',
	'lagoon',
	'lantern',
	'maple',
	'meadow',
	'nettle',
	'orchard',
	'otter',
	'pebble',
	'pepper',
	'quartz',
	'raven',
	'river',
	'saffron',
	'sparrow',
	'thistle',
	'timber',
	'tulip',
	'velvet',
	'walnut',
	'willow',
	'yarrow',
	'zephyr',
	'orbit',
	'pylon',
	'drift'
];

export const demoPassphrase = (words = 5): string =>
	Array.from({ length: words }, () => WORDS[randomInt(WORDS.length)]).join(' ');

/** A throwaway portal's people and reports: an admin, a reviewer and n synthetic reports. */
export async function populateDemo(
	db: Db,
	reports: number,
	serverSecret: Uint8Array
): Promise<{ admin: MadeMember; reviewer: MadeMember }> {
	const { admin, keyring } = await createDemoAdmin(
		db,
		{ username: 'demo.admin', passphrase: demoPassphrase() },
		serverSecret
	);
	const reviewer = await createDemoMember(
		db,
		{ username: 'demo.reviewer', passphrase: demoPassphrase(), role: 'reviewer', team: 'RASSO' },
		keyring,
		admin.id,
		serverSecret
	);
	await seedSyntheticReports(db, reports);
	return { admin, reviewer };
}
