import { randomBytes } from 'node:crypto';
import { toBase64url } from '../../../src/lib/crypto/encoding';
import type { Db } from '../../../src/lib/server/db';
import { openDatabase } from '../../../src/lib/server/db/connect';
import type { StaffRole, StaffTeam } from '../../../src/lib/server/db/schema';
import {
	createDemoAdmin,
	createDemoMember,
	type MadeMember
} from '../../../src/lib/server/demo/staff';
import { startPortal, type Portal } from './portal';
import { Authenticator } from './staff';

export interface NewMember {
	username: string;
	role: StaffRole;
	team: StaffTeam;
}

/** Passphrases for the members a spec makes, in order; the admin's is the first. */
const PASSPHRASES = [
	'harbour quartz lantern meadow otter',
	'velvet pylon marmalade cactus drift',
	'copper thistle harbour gravity pickle',
	'amber violin tundra saddle kettle'
];

export interface TeamPortal {
	portal: Portal;
	admin: MadeMember;
	/** The members, in the order asked for, each holding the keyring unless an analyst. */
	members: MadeMember[];
	unitKey: { id: string; publicKey: Uint8Array };
	/** One authenticator per member (by id), so no code is used twice. */
	apps: Map<string, Authenticator>;
}

/**
 * A built portal with a team made through the real account functions: an admin who made the unit
 * key, and members granted the keyring by that admin. `seed` runs on the same database before the
 * portal is used (e.g. synthetic reports). The portal is closed again if anything here fails.
 */
export async function startTeamPortal(input: {
	env?: Record<string, string>;
	admin: string;
	members?: NewMember[];
	seed?: (db: Db) => Promise<void>;
}): Promise<TeamPortal> {
	const serverSecret = new Uint8Array(randomBytes(32));
	const portal = await startPortal({ SERVER_SECRET: toBase64url(serverSecret), ...input.env });
	const db = openDatabase(portal.dbPath);
	try {
		const made = await createDemoAdmin(
			db,
			{ username: input.admin, passphrase: PASSPHRASES[0] },
			serverSecret
		);
		const members: MadeMember[] = [];
		for (const [i, member] of (input.members ?? []).entries()) {
			members.push(
				await createDemoMember(
					db,
					{ ...member, passphrase: PASSPHRASES[(i + 1) % PASSPHRASES.length] },
					made.keyring,
					made.admin.id,
					serverSecret
				)
			);
		}
		await input.seed?.(db);
		const apps = new Map(
			[made.admin, ...members].map((who) => [who.id, new Authenticator(who.totpSecret)])
		);
		return { portal, admin: made.admin, members, unitKey: made.unitKey, apps };
	} catch (e) {
		await portal.close();
		throw e;
	} finally {
		await db.destroy();
	}
}
