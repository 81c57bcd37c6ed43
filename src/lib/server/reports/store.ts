import type { Kysely } from 'kysely';
import { withAuditGrouped } from '../audit/group-commit';
import type { Db } from '../db';
import type { Database, Report, SealedBy } from '../db/schema';
import { newId, newReportRef } from '../ids';
import { nextSeq } from '../db/sequence';
import { fromBase64url } from '../../crypto/encoding';
import type { ReportPayload } from '../../report/api';
import { canonical } from '../../crypto/encoding';
import { routeReport } from '../../report/routing';
import { queueRank } from '../triage/rank';
import { DomainError } from '../errors';
import { hourOf } from './reporter-time';
import { assertDiskHasRoom, assertQuotaHasRoom } from './storage-guard';
import { queueUrgentAlert } from '../alerts/urgent';
import { wakeAlerts } from '../alerts/scheduler';
import { noteReportsWritten } from '../db/planner-stats';

export const lookupHashTaken = async (db: Kysely<Database>, lookupHash: Uint8Array) =>
	(await db
		.selectFrom('reports')
		.select('id')
		.where('lookup_hash', '=', lookupHash)
		.executeTakeFirst()) !== undefined;

/**
 * Stores a sealed report and its encrypted files in one transaction with its audit line: all of
 * it, or none of it, then wakes what must know of it. The server stores reports through
 * storeReport (writer-thread.ts), which runs writeReport on the report writer's thread.
 */
export async function insertReport(
	db: Db,
	payload: ReportPayload,
	attachments: Uint8Array[],
	sealedBy: SealedBy
): Promise<Pick<Report, 'id' | 'ref'>> {
	const { id, ref, urgent } = await writeReport(db, payload, attachments, sealedBy);
	afterReportWritten(db, urgent);
	return { id, ref };
}

/** What the process that serves requests does once a report is stored, wherever it was written. */
export function afterReportWritten(db: Db, urgent: boolean): void {
	if (urgent) {
		void wakeAlerts();
	}
	noteReportsWritten(db);
}

export interface WrittenReport extends Pick<Report, 'id' | 'ref'> {
	/** A possible child's report: an urgent alert was queued with it, to be sent now. */
	urgent: boolean;
}

/**
 * The database's part of storing a report. Reports arriving together share a commit
 * (audit/group-commit.ts). Routing (DESIGN §4) is applied here, from the envelope alone. The
 * audit detail holds only the reference and who sealed it: no content, no address.
 */
export async function writeReport(
	db: Db,
	payload: ReportPayload,
	attachments: Uint8Array[],
	sealedBy: SealedBy
): Promise<WrittenReport> {
	const lookupHash = fromBase64url(payload.lookup_hash);
	const routing = routeReport(payload.envelope);
	// Kept to the hour: the report's arrival is the reporter's act (docs/decisions.md).
	const now = hourOf();
	const fileBytes = attachments.reduce((n, bytes) => n + bytes.length, 0);
	await assertDiskHasRoom(fileBytes);
	try {
		const stored = await withAuditGrouped(db, async (trx) => {
			await assertQuotaHasRoom(trx, null, attachments);
			// A code already taken is found by the unique index on lookup_hash (below), not looked
			// up first: that look-up cost every report a query to catch what almost never happens.
			const id = newId();
			const ref = newReportRef();
			await trx
				.insertInto('reports')
				.values({
					id,
					ref,
					seq: await nextSeq(trx, 'reports'),
					created_at: now,
					unit_key_id: payload.unit_key_id,
					envelope_json: canonical(payload.envelope),
					nonce: fromBase64url(payload.nonce),
					ciphertext: fromBase64url(payload.ciphertext),
					key_for_unit: fromBase64url(payload.key_for_unit),
					key_for_reporter: fromBase64url(payload.key_for_reporter),
					reporter_pk: fromBase64url(payload.reporter_pk),
					lookup_hash: lookupHash,
					sealed_by: sealedBy,
					team: routing.team,
					status: 'new',
					safeguarding: routing.safeguarding ? 1 : 0,
					priority: routing.priority,
					// Envelope fields the queue filters on, copied so it needs no JSON parsing.
					area: payload.envelope.area,
					police: payload.envelope.police,
					warn: payload.envelope.warn ? 1 : 0,
					under18: payload.envelope.under18,
					reporter: payload.envelope.reporter,
					queue_rank: queueRank(routing.safeguarding, null),
					updated_at: now
				})
				.execute();
			await trx
				.insertInto('report_types')
				.values(payload.envelope.types.map((type) => ({ report_id: id, type, created_at: now })))
				.execute();
			if (attachments.length > 0) {
				await trx
					.insertInto('attachments')
					.values(
						attachments.map((ciphertext, idx) => ({
							id: newId(),
							report_id: id,
							message_id: null,
							idx,
							ciphertext,
							size: ciphertext.length
						}))
					)
					.execute();
			}
			// A possible child's report alerts at once: queued with the report, sent after commit.
			const alert = routing.safeguarding ? await queueUrgentAlert(trx, now) : null;
			return {
				result: { id, ref },
				audit: [
					{
						actorId: null,
						at: now,
						action: 'report.received',
						subject: ref,
						detail: { ref, sealed_by: sealedBy }
					},
					...(alert ? [alert] : [])
				]
			};
		});
		return { ...stored, urgent: routing.safeguarding };
	} catch (err) {
		if (err instanceof DomainError) {
			throw err;
		}
		// A code already taken (resent, or two submissions with one code racing) meets the unique
		// index: the write is undone alone and the sender hears it as a duplicate.
		if (
			err instanceof Error &&
			/UNIQUE|unique/.test(err.message) &&
			(await lookupHashTaken(db, lookupHash))
		) {
			throw new DomainError(
				409,
				'duplicate',
				'A report with this code already exists.',
				'lookup_hash'
			);
		}
		throw err;
	}
}
