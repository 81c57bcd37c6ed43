import { canonical } from '../../crypto/encoding';
import {
	recordHash,
	verifyCountersignature,
	type Countersignature
} from '../../crypto/signed-record';
import { getSodium } from '../../crypto/sodium';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Staff } from '../db/schema';
import { DomainError } from '../errors';
import { CLOCK_SKEW_MS } from '../time';
import { checkStoredDeviation } from './check';
import { deviationsWithAuthor } from './list';

/**
 * Stores a line manager's countersignature of one deviation record, made in their browser, with
 * its audit line, in one transaction. Only the line manager the record names may countersign, and
 * only once; the body must name this record's exact signed bytes, this member and now, and its
 * signature must hold under this member's key. Anything else is refused and nothing is stored.
 */
export async function countersignDeviation(
	db: Db,
	staff: Staff,
	deviationId: string,
	submission: { body: Countersignature; signature: Uint8Array },
	now = Date.now()
): Promise<{ id: string }> {
	const { body, signature } = submission;
	const sodium = await getSodium();
	return withAudit(db, async (trx) => {
		const row = await deviationsWithAuthor(trx)
			.where('deviations.id', '=', deviationId)
			.executeTakeFirst();
		if (!row) {
			throw new DomainError(404, 'not_found', 'There is no such policy-deviation record.');
		}
		if (row.line_manager_id !== staff.id) {
			throw new DomainError(
				403,
				'forbidden',
				'Only the line manager this record names can acknowledge it.'
			);
		}
		if (row.ack_at !== null) {
			throw new DomainError(409, 'already_acknowledged', 'This record is already acknowledged.');
		}
		const { record, verified } = checkStoredDeviation(sodium, row);
		if (!verified) {
			throw new DomainError(
				409,
				'record_unverified',
				'The signature on this record does not verify, so it cannot be acknowledged. Tell an admin.'
			);
		}
		if (body.deviation_id !== deviationId || body.staff_id !== staff.id) {
			throw new DomainError(
				400,
				'invalid',
				'This acknowledgement is for another record or member.'
			);
		}
		if (body.record_hash !== recordHash(sodium, row.record_json)) {
			throw new DomainError(
				400,
				'invalid',
				'The record you read is not the one stored. Reload the page and read it again.'
			);
		}
		if (Math.abs(Date.parse(body.at) - now) > CLOCK_SKEW_MS) {
			throw new DomainError(
				400,
				'invalid',
				'The date on this acknowledgement is not today’s time. Check the clock on this computer and try again.'
			);
		}
		if (!verifyCountersignature(sodium, body, signature, new Uint8Array(staff.sign_pk))) {
			throw new DomainError(
				400,
				'invalid',
				'The signature on this acknowledgement does not match your key. Nothing was stored.'
			);
		}
		await trx
			.insertInto('deviation_countersignatures')
			.values({
				deviation_id: deviationId,
				staff_id: staff.id,
				at: body.at,
				body_json: canonical(body),
				signature
			})
			.execute();
		return {
			result: { id: deviationId },
			// Like the record's own line: the comment stays in the signed body, not the audit log.
			audit: {
				actorId: staff.id,
				action: 'deviation.countersign',
				subject: typeof record.report_ref === 'string' ? record.report_ref : null,
				detail: { deviation_id: deviationId }
			}
		};
	});
}
