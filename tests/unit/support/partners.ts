import { getSodium } from '../../../src/lib/crypto/sodium';
import type { Db } from '../../../src/lib/server/db';
import type { Staff } from '../../../src/lib/server/db/schema';
import { registerOrg } from '../../../src/lib/server/partners/orgs';
import { insertStaff } from './staff';

export interface TestWorker {
	row: Staff;
	keys: { staffId: string; boxPublicKey: Uint8Array; boxSecretKey: Uint8Array };
}

/** A partner organisation registered by a fresh admin. */
export async function testOrg(db: Db, name: string, admin?: Staff) {
	const by = admin ?? (await insertStaff(db, { role: 'admin' }));
	return { id: await registerOrg(db, by, { name, contact: 'Sam, 01234 567890' }), admin: by };
}

/** A worker of that organisation with a real box key pair (the browser's, in a test). */
export async function testWorker(db: Db, orgId: string): Promise<TestWorker> {
	const sodium = await getSodium();
	const pair = sodium.crypto_box_keypair();
	const row = await insertStaff(db, {
		role: 'partner',
		team: 'Liaison',
		org_id: orgId,
		box_pk: pair.publicKey
	});
	return {
		row,
		keys: { staffId: row.id, boxPublicKey: pair.publicKey, boxSecretKey: pair.privateKey }
	};
}
