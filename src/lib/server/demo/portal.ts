import { randomInt } from 'node:crypto';
import type { Db } from '../db';
import { seedWorkedCases, type WorkedCase } from './cases';
import { seedSyntheticReports } from './seed';
import { createDemoAdmin, createDemoMember, type MadeMember } from './staff';
import { lockDemoMember, unlockDemoMember } from './unlock';

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

/** A throwaway portal's people and reports: an admin, a reviewer, n synthetic reports and a few
 * worked cases. */
export async function populateDemo(
	db: Db,
	reports: number,
	serverSecret: Uint8Array
): Promise<{ admin: MadeMember; reviewer: MadeMember; cases: WorkedCase[] }> {
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
	const unlocked = {
		admin: await unlockDemoMember(db, admin),
		reviewer: await unlockDemoMember(db, reviewer)
	};
	try {
		const cases = await seedWorkedCases(db, unlocked);
		return { admin, reviewer, cases };
	} finally {
		lockDemoMember(unlocked.admin);
		lockDemoMember(unlocked.reviewer);
	}
}
