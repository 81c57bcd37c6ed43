import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../../src/lib/server/db';
import type { NewStaff, Staff } from '../../../src/lib/server/db/schema';

/** A staff row with random bytes for its keys: enough for queries that only need a member. */
export async function insertStaffRow(db: Db, row: Partial<NewStaff> = {}): Promise<string> {
	const bytes = () => randomBytes(32);
	const id = row.id ?? randomUUID();
	await db
		.insertInto('staff')
		.values({
			id,
			username: `member-${id.slice(0, 8)}`,
			role: 'reviewer',
			team: 'RASSO',
			status: 'active',
			kdf_salt: randomBytes(16),
			kdf_ops: 2,
			kdf_mem: 67108864,
			auth_hash: bytes(),
			box_pk: bytes(),
			sign_pk: bytes(),
			secret_box: bytes(),
			secret_nonce: randomBytes(24),
			totp_secret: bytes(),
			totp_nonce: randomBytes(24),
			created_at: new Date().toISOString(),
			...row
		})
		.execute();
	return id;
}

/** The same, returning the stored row. */
export async function insertStaff(db: Db, row: Partial<NewStaff> = {}): Promise<Staff> {
	const id = await insertStaffRow(db, row);
	return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
