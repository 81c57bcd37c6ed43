import { getSodium } from '../../crypto/sodium';
import type { Db } from '../db';
import { insertReport } from '../reports/store';
import { activeUnitKey } from '../reports/unit-key';
import { sealSyntheticReport } from '../synthetic/seal';

export class NoUnitKeyError extends Error {
	constructor() {
		super(
			'This portal has no unit key yet: finish first-run setup at /staff/setup, then seed reports.'
		);
	}
}

/**
 * Inserts n synthetic reports, each sealed to the portal's current unit key exactly as a
 * reporter's browser would seal it, through the same store as real reports (routing, queue
 * indexing and audit line included). Seeds continue from the reports already there, so repeated
 * runs add different reports.
 */
export async function seedSyntheticReports(
	db: Db,
	n: number,
	onProgress?: (done: number) => void
): Promise<{ refs: string[] }> {
	const unit = await activeUnitKey(db);
	if (!unit) {
		throw new NoUnitKeyError();
	}
	const sodium = await getSodium();
	const key = { id: unit.id, publicKey: new Uint8Array(unit.public_key) };
	const existing = await db
		.selectFrom('reports')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const first = Number(existing.n) + 1;
	const refs: string[] = [];
	for (let i = 0; i < n; i++) {
		const { payload } = sealSyntheticReport(sodium, key, first + i);
		// 'server': these bodies were made up on the server, so it has seen them (DESIGN §3).
		refs.push((await insertReport(db, payload, [], 'server')).ref);
		if (onProgress && (i + 1) % 1000 === 0) {
			onProgress(i + 1);
		}
	}
	return { refs };
}
