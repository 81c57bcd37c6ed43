import type { Kysely } from 'kysely';
import { withAudit } from '../audit/chain';
import { hoursAfter } from '../stats/hours';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { currentConsent } from '../reports/reporter-access';
import { nowIso } from '../time';
import { toBase64url } from '../../crypto/encoding';
import type { CaseFile } from '../../api/case-file';
import { notFound } from './api';
import { linkedReports, uncheckedReports } from './links';

/** Why a staff browser fetched a report's ciphertext; each is an opening in the audit chain. */
export type OpenPurpose = 'read' | 'evidence' | 'index';

const b64 = (bytes: Uint8Array) => toBase64url(new Uint8Array(bytes));

export const findReportByRef = (db: Kysely<Database>, ref: string) =>
	db.selectFrom('reports').selectAll().where('ref', '=', ref).executeTakeFirst();

/**
 * Everything the staff browser needs to open a report: the envelope as stored, ciphertext, sealed
 * keys, the thread and notes (ciphertext too) and the triage fields. Serving it is recorded as
 * 'report.opened' in the same transaction; a reviewer reading it also marks the reporter's
 * messages read and the report as first opened.
 */
export async function openCaseFile(
	db: Db,
	staff: Staff,
	ref: string,
	purpose: OpenPurpose
): Promise<CaseFile> {
	return withAudit(db, async (trx) => {
		const report = await findReportByRef(trx, ref);
		if (!report) {
			throw notFound();
		}
		const [messages, notes, files, linked, unchecked] = await Promise.all([
			trx
				.selectFrom('messages')
				.leftJoin('staff', 'staff.id', 'messages.author_id')
				.select([
					'messages.id',
					'messages.direction',
					'messages.created_at',
					'messages.nonce',
					'messages.ciphertext',
					'messages.key_for_unit',
					'messages.read_at',
					'staff.username as author'
				])
				.where('messages.report_id', '=', report.id)
				// The reporter's times are kept to the hour: seq keeps the thread's order.
				.orderBy('messages.seq')
				.orderBy('messages.created_at')
				.orderBy('messages.id')
				.execute(),
			trx
				.selectFrom('notes')
				.innerJoin('staff', 'staff.id', 'notes.staff_id')
				.select([
					'notes.id',
					'notes.kind',
					'notes.created_at',
					'notes.nonce',
					'notes.ciphertext',
					'notes.key_for_unit',
					'staff.username as author'
				])
				.where('notes.report_id', '=', report.id)
				.orderBy('notes.created_at')
				.orderBy('notes.id')
				.execute(),
			trx
				.selectFrom('attachments')
				.select(['message_id', 'idx', 'size'])
				.where('report_id', '=', report.id)
				.orderBy('idx')
				.execute(),
			linkedReports(trx, report.id),
			uncheckedReports(trx, report.id)
		]);
		const now = nowIso();
		let messagesRead = 0;
		if (purpose === 'read') {
			const unread = messages.filter((m) => m.direction === 'from_reporter' && !m.read_at);
			messagesRead = unread.length;
			if (unread.length > 0) {
				await trx
					.updateTable('messages')
					.set({ read_at: now })
					.where('report_id', '=', report.id)
					.where('direction', '=', 'from_reporter')
					.where('read_at', 'is', null)
					.execute();
			}
			if (!report.first_opened_at) {
				await trx
					.updateTable('reports')
					.set({ first_opened_at: now, hours_to_open: hoursAfter(report.created_at, now) })
					.where('id', '=', report.id)
					.execute();
			}
		}
		const filesOf = (messageId: string | null) =>
			files.filter((f) => f.message_id === messageId).map((f) => ({ idx: f.idx, size: f.size }));
		const caseFile: CaseFile = {
			ref: report.ref,
			created_at: report.created_at,
			updated_at: report.updated_at,
			unit_key_id: report.unit_key_id,
			envelope_json: report.envelope_json,
			nonce: b64(report.nonce),
			ciphertext: b64(report.ciphertext),
			key_for_unit: b64(report.key_for_unit),
			reporter_pk: b64(report.reporter_pk),
			sealed_by: report.sealed_by,
			triage: {
				team: report.team,
				status: report.status,
				withdrawn: report.withdrawn_at !== null,
				outcome: report.outcome,
				assignee_id: report.assignee_id,
				grade: report.grade,
				thrive: report.thrive_json ? JSON.parse(report.thrive_json) : null,
				safeguarding: report.safeguarding === 1,
				first_opened_at: report.first_opened_at ?? (purpose === 'read' ? now : null),
				closed_at: report.closed_at
			},
			consent: safeConsent(report),
			links_indexed_at: report.links_indexed_at,
			linked,
			unchecked_reports: unchecked,
			attachments: filesOf(null),
			messages: messages.map((m) => ({
				id: m.id,
				direction: m.direction,
				created_at: m.created_at,
				author: m.author,
				read_at: m.read_at,
				nonce: b64(m.nonce),
				ciphertext: b64(m.ciphertext),
				key_for_unit: b64(m.key_for_unit),
				files: filesOf(m.id)
			})),
			notes: notes.map((n) => ({
				id: n.id,
				kind: n.kind,
				created_at: n.created_at,
				author: n.author,
				nonce: b64(n.nonce),
				ciphertext: b64(n.ciphertext),
				key_for_unit: b64(n.key_for_unit)
			}))
		};
		const audit = [
			{
				actorId: staff.id,
				action: 'report.opened',
				subject: ref,
				detail: { ref, purpose, messages_read: messagesRead }
			}
		];
		if (purpose === 'evidence') {
			audit.push({
				actorId: staff.id,
				action: 'report.exported',
				subject: ref,
				detail: { ref, purpose, messages_read: 0 }
			});
		}
		return { result: caseFile, audit };
	});
}

/** The consent in force; a tampered envelope must not stop the page from loading. */
function safeConsent(report: Parameters<typeof currentConsent>[0]) {
	try {
		return currentConsent(report);
	} catch {
		return { warn: report.consent_warn === 1, police: report.consent_police ?? report.police };
	}
}

/** One encrypted file of a report (or of a reporter's message), served as ciphertext and recorded
 * as an opening. */
export async function openAttachment(
	db: Db,
	staff: Staff,
	ref: string,
	idx: number,
	messageId: string | null
): Promise<Uint8Array<ArrayBuffer>> {
	return withAudit(db, async (trx) => {
		const report = await findReportByRef(trx, ref);
		if (!report) {
			throw notFound();
		}
		let query = trx
			.selectFrom('attachments')
			.select('ciphertext')
			.where('report_id', '=', report.id)
			.where('idx', '=', idx);
		query = messageId
			? query.where('message_id', '=', messageId)
			: query.where('message_id', 'is', null);
		const row = await query.executeTakeFirst();
		if (!row) {
			throw notFound();
		}
		return {
			result: new Uint8Array(row.ciphertext),
			audit: {
				actorId: staff.id,
				action: 'report.opened',
				subject: ref,
				detail: { ref, file: idx, message: messageId }
			}
		};
	});
}
