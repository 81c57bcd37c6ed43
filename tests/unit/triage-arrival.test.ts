import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { getSodium } from '../../src/lib/crypto/sodium';
import { ReportPayloadSchema } from '../../src/lib/report/api';
import { ReportBodySchema } from '../../src/lib/report/body';
import { insertReport } from '../../src/lib/server/reports/store';
import { syntheticReport } from '../../src/lib/server/synthetic/generate';
import { sealSyntheticReport } from '../../src/lib/server/synthetic/seal';
import { listQueue } from '../../src/lib/server/triage/queue';
import { freshDb } from './support/db';
import { addUnitKey } from './support/reporter';

describe('a report arriving in the queue', () => {
	it('synthetic reports are valid reports, the same for the same seed', async () => {
		const sodium = await getSodium();
		for (let seed = 0; seed < 50; seed++) {
			const { body } = syntheticReport(sodium, seed);
			expect(v.safeParse(ReportBodySchema, body).success).toBe(true);
		}
		expect(syntheticReport(sodium, 7)).toEqual(syntheticReport(sodium, 7));
		expect(syntheticReport(sodium, 7)).not.toEqual(syntheticReport(sodium, 8));
	});

	it('is routed and indexed for the queue from its envelope', async () => {
		const sodium = await getSodium();
		const { db } = await freshDb();
		const unit = await addUnitKey(db);

		const child = sealSyntheticReport(sodium, unit, 1, { under18: 'unsure', types: ['robbery'] });
		const assault = sealSyntheticReport(sodium, unit, 2, {
			under18: 'no',
			types: ['sexual_assault', 'robbery']
		});
		for (const { payload } of [assault, child]) {
			expect(v.safeParse(ReportPayloadSchema, payload).success).toBe(true);
			await insertReport(db, payload, [], 'browser');
		}
		const { rows } = await listQueue(db, {});
		expect(rows.map((r) => [r.team, r.safeguarding, r.types.sort()])).toEqual([
			['CSE', true, ['robbery']],
			['RASSO', false, ['robbery', 'sexual_assault']]
		]);
		expect((await listQueue(db, { type: 'sexual_assault' })).rows).toHaveLength(1);
		expect(
			(await listQueue(db, { area: child.payload.envelope.area })).rows.length
		).toBeGreaterThan(0);
		expect(
			(await listQueue(db, { police: assault.payload.envelope.police })).rows.map((r) => r.team)
		).toContain('RASSO');
	});
});
