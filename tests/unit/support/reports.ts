import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../../src/lib/server/db';
import { queueRank } from '../../../src/lib/server/triage/rank';
import { addStandInUnitKey } from '../../../src/lib/server/synthetic/stand-in-key';

/** A report row with random bytes where the ciphertext goes: enough for queue queries. */
export async function insertQueueReport(
	db: Db,
	row: {
		ref?: string;
		createdAt: string;
		types?: string[];
		area?: string;
		team?: 'RASSO' | 'CSE' | 'Liaison' | 'Exploitation';
		status?: string;
		safeguarding?: boolean;
		grade?: number | null;
		police?: string;
		warn?: boolean;
		assigneeId?: string | null;
	}
) {
	await addStandInUnitKey(db, 'uk-test', row.createdAt);
	const id = randomUUID();
	const safeguarding = row.safeguarding ?? false;
	const grade = row.grade ?? null;
	await db
		.insertInto('reports')
		.values({
			id,
			ref: row.ref ?? 'SR-' + randomBytes(4).toString('hex').toUpperCase(),
			created_at: row.createdAt,
			unit_key_id: 'uk-test',
			envelope_json: '{}',
			nonce: randomBytes(24),
			ciphertext: randomBytes(1040),
			key_for_unit: randomBytes(80),
			key_for_reporter: randomBytes(80),
			reporter_pk: randomBytes(32),
			lookup_hash: randomBytes(32),
			sealed_by: 'browser',
			team: row.team ?? 'Liaison',
			status: row.status ?? 'new',
			safeguarding: safeguarding ? 1 : 0,
			priority: safeguarding ? 1 : 0,
			grade,
			assignee_id: row.assigneeId ?? null,
			area: row.area ?? 'gloucester',
			police: row.police ?? 'none',
			warn: row.warn === false ? 0 : 1,
			queue_rank: queueRank(safeguarding, grade),
			updated_at: row.createdAt
		})
		.execute();
	// As the report store does: the arrival time beside each type, for the statistics (from
	// migration 0011 on; migration tests use this helper on older schemas too).
	const typesTimed = (await db.introspection.getTables())
		.find((t) => t.name === 'report_types')
		?.columns.some((c) => c.name === 'created_at');
	for (const type of row.types ?? ['other']) {
		await db
			.insertInto('report_types')
			.values(
				typesTimed ? { report_id: id, type, created_at: row.createdAt } : { report_id: id, type }
			)
			.execute();
	}
	return id;
}
