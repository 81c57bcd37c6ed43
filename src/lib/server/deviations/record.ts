import { canonical } from '../../crypto/encoding';
import { lineManagerOf, verifyRecord, type DeviationRecord } from '../../crypto/signed-record';
import { getSodium } from '../../crypto/sodium';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { newId } from '../ids';
import { CLOCK_SKEW_MS } from '../time';
import { DomainError } from '../errors';
import { checkLineManager } from './line-managers';

/**
 * Stores a policy-deviation record the member's browser signed (DESIGN §5.7), with its audit line,
 * in one transaction. The server checks what it can: that the record is this member's, dated now,
 * about a report that exists, addressed (version 2) to a line manager who can acknowledge it, and
 * signed by this member's key. A record that fails any check is
 * refused and nothing is stored.
 */
export async function recordDeviation(
	db: Db,
	staff: Staff,
	submission: { record: DeviationRecord; signature: Uint8Array },
	now = Date.now()
): Promise<{ id: string }> {
	const { record, signature } = submission;
	if (record.staff_id !== staff.id) {
		throw new DomainError(
			400,
			'invalid',
			'This record names another staff member. Reload the page.'
		);
	}
	if (Math.abs(Date.parse(record.at) - now) > CLOCK_SKEW_MS) {
		throw new DomainError(
			400,
			'invalid',
			'The date on this record is not today’s time. Check the clock on this computer and try again.'
		);
	}
	const sodium = await getSodium();
	if (!verifyRecord(sodium, record, signature, new Uint8Array(staff.sign_pk))) {
		throw new DomainError(
			400,
			'invalid',
			'The signature on this record does not match your key. Nothing was stored.'
		);
	}
	const lineManagerId = lineManagerOf(record);
	return withAudit(db, async (trx) => {
		if (lineManagerId !== null) {
			await checkLineManager(trx, staff.id, lineManagerId);
		}
		let reportId: string | null = null;
		if (record.report_ref !== null) {
			const report = await trx
				.selectFrom('reports')
				.select('id')
				.where('ref', '=', record.report_ref)
				.executeTakeFirst();
			if (!report) {
				throw new DomainError(404, 'not_found', 'No report has that reference.', 'report_ref');
			}
			reportId = report.id;
		}
		const id = newId();
		await trx
			.insertInto('deviations')
			.values({
				id,
				report_id: reportId,
				staff_id: staff.id,
				at: record.at,
				record_json: canonical(record),
				signature,
				line_manager_id: lineManagerId
			})
			.execute();
		return {
			result: { id },
			// The rationale stays in its own signed record; the audit line only points to it.
			audit: {
				actorId: staff.id,
				action: 'deviation.recorded',
				subject: record.report_ref,
				detail: { deviation_id: id }
			}
		};
	});
}
