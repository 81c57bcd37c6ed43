import type { Kysely } from 'kysely';
import type { PublishedWarning } from '../../report/warning';
import { publishedFromReport } from '../warnings/store';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Database, Report } from '../db/schema';
import { newId } from '../ids';
import { nextSeq } from '../db/sequence';
import { fromBase64url, toBase64url } from '../../crypto/encoding';
import { lookupHashOf } from '../../crypto/report-code';
import { getSodium } from '../../crypto/sodium';
import type { PoliceChoice } from '../../report/consent';
import type { Envelope } from '../../report/envelope';
import { statusInWords } from '../../report/status-labels';
import { hourOf } from './reporter-time';
import { assertDiskHasRoom, assertMessagePace, assertQuotaHasRoom } from './storage-guard';
import { markReadByReporter } from '../triage/read-markers';
import { DomainError } from '../errors';
import { deletionDue } from '../../report/retention';
import { loadRetention } from '../retention/settings';

/** What a reporter who holds the code may do: find the report by `lookup` (the server compares
 * only its hash), read the status and the thread, reply, change consent, withdraw. */

export async function findReportByLookup(
	db: Kysely<Database>,
	lookup: Uint8Array
): Promise<Report | undefined> {
	const sodium = await getSodium();
	return db
		.selectFrom('reports')
		.selectAll()
		.where('lookup_hash', '=', lookupHashOf(sodium, lookup))
		.executeTakeFirst();
}

export async function requireReportByLookup(db: Kysely<Database>, lookup: string | Uint8Array) {
	const bytes = typeof lookup === 'string' ? fromBase64url(lookup) : lookup;
	const report = await findReportByLookup(db, bytes);
	if (!report) {
		throw new DomainError(404, 'not_found', 'No report was found for this code.');
	}
	return report;
}

/** The same report as it is now, after a change. */
export const reloadReport = (db: Kysely<Database>, report: Report): Promise<Report> =>
	db.selectFrom('reports').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();

export interface Consent {
	warn: boolean;
	police: PoliceChoice;
}

/** The consent in force: the reporter's latest change, else what the envelope said. */
export function currentConsent(report: Report): Consent {
	const envelope = JSON.parse(report.envelope_json) as Envelope;
	return {
		warn: report.consent_warn === null ? envelope.warn : report.consent_warn === 1,
		police: (report.consent_police as PoliceChoice | null) ?? envelope.police
	};
}

export interface SealedItem {
	nonce: string;
	ciphertext: string;
	key_for_reporter: string;
}

export interface StatusView {
	ref: string;
	created_at: string;
	status: string;
	label: string;
	explain: string;
	withdrawn: boolean;
	envelope: Envelope;
	consent: Consent;
	sealed_by: string;
	unit_key_id: string;
	/** Warnings published from this report (DESIGN §5.9), so the reporter sees what others see. */
	warnings: PublishedWarning[];
	/** When a closed or withdrawn report will be deleted unless the reporter writes again. */
	deleted_after: string | null;
	report: SealedItem & { attachments: number };
	messages: (SealedItem & {
		id: string;
		direction: string;
		created_at: string;
		attachments: number;
	})[];
}

const b64 = (bytes: Uint8Array) => toBase64url(new Uint8Array(bytes));

/** The reporter's copies: status in words, envelope, and ciphertext with key_for_reporter. */
export async function statusView(db: Kysely<Database>, report: Report): Promise<StatusView> {
	const words = statusInWords(report.status, report.withdrawn_at);
	const messages = await db
		.selectFrom('messages')
		.select(['id', 'direction', 'created_at', 'nonce', 'ciphertext', 'key_for_reporter'])
		.where('report_id', '=', report.id)
		.orderBy('seq', 'asc')
		.orderBy('created_at', 'asc')
		.orderBy('id', 'asc')
		.execute();
	const counts = await db
		.selectFrom('attachments')
		.select(['message_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('report_id', '=', report.id)
		.groupBy('message_id')
		.execute();
	const filesOf = (messageId: string | null) =>
		Number(counts.find((c) => c.message_id === messageId)?.n ?? 0);
	// The unit sees that the reporter has its messages (the staff thread's read marker).
	await markReadByReporter(db, report.id);
	const lastFromReporter = messages.filter((m) => m.direction === 'from_reporter').at(-1);
	const deletion = deletionDue(
		report,
		lastFromReporter?.created_at ?? null,
		await loadRetention(db)
	);
	return {
		ref: report.ref,
		created_at: report.created_at,
		status: report.withdrawn_at ? 'withdrawn' : report.status,
		label: words.label,
		explain: words.explain,
		withdrawn: report.withdrawn_at !== null,
		envelope: JSON.parse(report.envelope_json) as Envelope,
		consent: currentConsent(report),
		sealed_by: report.sealed_by,
		unit_key_id: report.unit_key_id,
		warnings: await publishedFromReport(db, report.id),
		deleted_after: deletion?.toISOString() ?? null,
		report: {
			nonce: b64(report.nonce),
			ciphertext: b64(report.ciphertext),
			key_for_reporter: b64(report.key_for_reporter),
			attachments: filesOf(null)
		},
		messages: messages.map((m) => ({
			id: m.id,
			direction: m.direction,
			created_at: m.created_at,
			nonce: b64(m.nonce),
			ciphertext: b64(m.ciphertext),
			key_for_reporter: b64(m.key_for_reporter),
			attachments: filesOf(m.id)
		}))
	};
}

export interface NewReporterMessage {
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	keyForUnit: Uint8Array;
	keyForReporter: Uint8Array;
	attachments: Uint8Array[];
}

/** A reply or more information from the reporter, with its files, in one transaction; refused
 * when the report's pace, file quota or the disk's free space would be passed. */
export async function addReporterMessage(db: Db, report: Report, message: NewReporterMessage) {
	const now = hourOf();
	const fileBytes = message.attachments.reduce((n, bytes) => n + bytes.length, 0);
	await assertDiskHasRoom(fileBytes);
	return withAudit(db, async (trx) => {
		await assertMessagePace(trx, report.id);
		await assertQuotaHasRoom(trx, report.id, message.attachments);
		const id = newId();
		await trx
			.insertInto('messages')
			.values({
				id,
				report_id: report.id,
				seq: await nextSeq(trx, 'messages'),
				direction: 'from_reporter',
				author_id: null,
				created_at: now,
				nonce: message.nonce,
				ciphertext: message.ciphertext,
				key_for_unit: message.keyForUnit,
				key_for_reporter: message.keyForReporter,
				read_at: null
			})
			.execute();
		for (const [idx, ciphertext] of message.attachments.entries()) {
			await trx
				.insertInto('attachments')
				.values({
					id: newId(),
					report_id: report.id,
					message_id: id,
					idx,
					ciphertext,
					size: ciphertext.length
				})
				.execute();
		}
		await trx.updateTable('reports').set({ updated_at: now }).where('id', '=', report.id).execute();
		return {
			result: { id },
			audit: {
				actorId: null,
				at: now,
				action: 'report.reporter_message',
				subject: report.ref,
				detail: { ref: report.ref, files: message.attachments.length }
			}
		};
	});
}

/** The envelope is bound into the report's AD and stays as sent; later choices go in columns. */
export async function changeConsent(db: Db, report: Report, consent: Consent) {
	if (report.withdrawn_at) {
		throw new DomainError(409, 'withdrawn', 'This report has been withdrawn.');
	}
	const now = hourOf();
	await withAudit(db, async (trx) => {
		await trx
			.updateTable('reports')
			.set({
				consent_warn: consent.warn ? 1 : 0,
				consent_police: consent.police,
				consent_changed_at: now,
				// The queue's filter copies follow the consent in force.
				warn: consent.warn ? 1 : 0,
				police: consent.police,
				updated_at: now
			})
			.where('id', '=', report.id)
			.execute();
		return {
			result: undefined,
			audit: {
				actorId: null,
				at: now,
				action: 'report.consent_changed',
				subject: report.ref,
				detail: { ref: report.ref, warn: consent.warn, police: consent.police }
			}
		};
	});
}

export async function withdrawReport(db: Db, report: Report) {
	if (report.withdrawn_at) {
		return;
	}
	const now = hourOf();
	await withAudit(db, async (trx) => {
		await trx
			.updateTable('reports')
			.set({ withdrawn_at: now, updated_at: now })
			.where('id', '=', report.id)
			.execute();
		return {
			result: undefined,
			audit: {
				actorId: null,
				at: now,
				action: 'report.withdrawn',
				subject: report.ref,
				detail: { ref: report.ref }
			}
		};
	});
}
