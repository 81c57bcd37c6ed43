import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/crypto/encoding';
import { openCaseFile } from '../../src/lib/server/triage/case-file';
import { storeLinks } from '../../src/lib/server/triage/links';
import { listQueue, queueCounts } from '../../src/lib/server/triage/queue';
import { newReportsNotice } from '../../src/lib/staff/report/queue-refresh';
import { freshDb } from './support/db';
import { insertQueueReport } from './support/reports';
import { insertStaff } from './support/staff';

const day = (n: number) => new Date(Date.UTC(2026, 10, n)).toISOString();

describe('what the queue knows about arrivals and links', () => {
	it('marks each row indexed or not, so "no link" is never claimed for an unchecked report', async () => {
		const { db } = await freshDb();
		const staff = await insertStaff(db);
		await insertQueueReport(db, { ref: 'SR-AAAA-AAAA', createdAt: day(1) });
		await insertQueueReport(db, { ref: 'SR-BBBB-BBBB', createdAt: day(2) });
		await storeLinks(db, staff, 'SR-AAAA-AAAA', [toBase64url(new Uint8Array(randomBytes(16)))]);
		const { rows } = await listQueue(db, {});
		expect(rows.map((r) => [r.ref, r.linksIndexed, r.linkedReports])).toEqual([
			['SR-AAAA-AAAA', true, 0],
			['SR-BBBB-BBBB', false, 0]
		]);
	});

	it('tells a report page how many other reports are not checked yet', async () => {
		const { db } = await freshDb();
		const staff = await insertStaff(db);
		await insertQueueReport(db, { ref: 'SR-AAAA-AAAA', createdAt: day(1) });
		await insertQueueReport(db, { ref: 'SR-BBBB-BBBB', createdAt: day(2) });
		await insertQueueReport(db, { ref: 'SR-CCCC-CCCC', createdAt: day(3) });
		await storeLinks(db, staff, 'SR-AAAA-AAAA', []);
		expect((await openCaseFile(db, staff, 'SR-AAAA-AAAA', 'read')).unchecked_reports).toBe(2);
		await storeLinks(db, staff, 'SR-BBBB-BBBB', []);
		expect((await openCaseFile(db, staff, 'SR-AAAA-AAAA', 'read')).unchecked_reports).toBe(1);
		// A report's own state is not counted among the others.
		expect((await openCaseFile(db, staff, 'SR-CCCC-CCCC', 'read')).unchecked_reports).toBe(0);
	});

	it('counts every report received, withdrawn and closed ones too', async () => {
		const { db } = await freshDb();
		await insertQueueReport(db, { createdAt: day(1) });
		await insertQueueReport(db, { createdAt: day(2), status: 'closed' });
		const before = (await queueCounts(db)).received;
		await insertQueueReport(db, { createdAt: day(3) });
		await db
			.updateTable('reports')
			.set({ withdrawn_at: day(4) })
			.where('status', '=', 'closed')
			.execute();
		expect(before).toBe(2);
		expect((await queueCounts(db)).received).toBe(3);
	});

	it('words the notice with the count alone', () => {
		expect(newReportsNotice(0)).toBe('');
		expect(newReportsNotice(1)).toBe('1 new report has arrived since you opened the queue.');
		expect(newReportsNotice(2)).toBe('2 new reports have arrived since you opened the queue.');
	});
});
