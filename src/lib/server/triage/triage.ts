import type { Transaction } from 'kysely';
import { withAudit, type AuditInput } from '../audit/chain';
import type { Db } from '../db';
import { nextSeq } from '../db/sequence';
import type { Database, Report, Staff, StaffTeam } from '../db/schema';
import { newId } from '../ids';
import { nowIso } from '../time';
import { canonical, fromBase64url } from '../../crypto/encoding';
import { CASE_ROLES, notFound } from './api';
import { findReportByRef } from './case-file';
import { queueRank } from './rank';
import { hoursAfter } from '../stats/hours';
import type { SealedMessage, SealedNote, TriageInput } from './schemas';
import { DomainError } from '../errors';

type Trx = Transaction<Database>;

/** The triage values as stored, for comparing and for the audit detail (never note text). */
function triageOf(report: Report) {
	return {
		team: report.team as string,
		status: report.status,
		outcome: report.outcome,
		assignee_id: report.assignee_id,
		grade: report.grade,
		thrive: report.thrive_json
	};
}

async function insertNote(trx: Trx, report: Report, staff: Staff, kind: string, note: SealedNote) {
	await trx
		.insertInto('notes')
		.values({
			id: newId(),
			report_id: report.id,
			staff_id: staff.id,
			kind,
			created_at: nowIso(),
			nonce: fromBase64url(note.nonce),
			ciphertext: fromBase64url(note.ciphertext),
			key_for_unit: fromBase64url(note.key_for_unit)
		})
		.execute();
}

async function insertUnitMessage(trx: Trx, report: Report, staff: Staff, message: SealedMessage) {
	const id = newId();
	const now = nowIso();
	await trx
		.insertInto('messages')
		.values({
			id,
			report_id: report.id,
			seq: await nextSeq(trx, 'messages'),
			direction: 'to_reporter',
			author_id: staff.id,
			created_at: now,
			nonce: fromBase64url(message.nonce),
			ciphertext: fromBase64url(message.ciphertext),
			key_for_unit: fromBase64url(message.key_for_unit),
			key_for_reporter: fromBase64url(message.key_for_reporter),
			read_at: null
		})
		.execute();
	// The statistics' "time to first reply" (migration 0011): set once, by the first message.
	await trx
		.updateTable('reports')
		.set({ first_reply_at: now, hours_to_reply: hoursAfter(report.created_at, now) })
		.where('id', '=', report.id)
		.where('first_reply_at', 'is', null)
		.execute();
	return id;
}

async function requireAssignee(trx: Trx, id: string) {
	const member = await trx
		.selectFrom('staff')
		.select(['id', 'role', 'status'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!member || member.status !== 'active' || !(CASE_ROLES as string[]).includes(member.role)) {
		throw new DomainError(
			400,
			'invalid',
			'Assign the report to an active reviewer or admin.',
			'assignee_id'
		);
	}
}

/**
 * Applies a triage decision: every changed field, the THRIVE rationale as an encrypted note, and
 * an optional automatic message to the reporter, with one audit event naming the fields that
 * changed and their new values (plus 'report.rerouted' when the team changes).
 */
export async function applyTriage(db: Db, staff: Staff, ref: string, input: TriageInput) {
	return withAudit(db, async (trx) => {
		const report = await findReportByRef(trx, ref);
		if (!report) {
			throw notFound();
		}
		const before = triageOf(report);
		const after = {
			team: input.team,
			status: input.status,
			outcome: input.outcome,
			assignee_id: input.assignee_id,
			grade: input.grade,
			thrive: input.thrive ? canonical(input.thrive) : null
		};
		const changed: Record<string, unknown> = {};
		for (const key of Object.keys(after) as (keyof typeof after)[]) {
			if (after[key] !== before[key]) {
				changed[key] = key === 'thrive' ? input.thrive : after[key];
			}
		}
		if ('assignee_id' in changed && input.assignee_id) {
			await requireAssignee(trx, input.assignee_id);
		}
		if (('thrive' in changed || 'grade' in changed) && !input.rationale) {
			throw new DomainError(
				400,
				'invalid',
				'Write why you chose this THRIVE assessment and response grade.',
				'rationale'
			);
		}
		if (input.reporter_message && report.withdrawn_at) {
			throw new DomainError(409, 'withdrawn', 'The reporter has withdrawn this report.');
		}
		const audit: AuditInput[] = [];
		const now = nowIso();
		if (Object.keys(changed).length > 0) {
			const closedAt = input.status === 'closed' ? (report.closed_at ?? now) : null;
			await trx
				.updateTable('reports')
				.set({
					team: input.team as StaffTeam,
					status: input.status,
					outcome: input.outcome,
					assignee_id: input.assignee_id,
					grade: input.grade,
					thrive_json: after.thrive,
					queue_rank: queueRank(report.safeguarding, input.grade),
					closed_at: closedAt,
					hours_to_close: hoursAfter(report.created_at, closedAt),
					updated_at: now
				})
				.where('id', '=', report.id)
				.execute();
			audit.push({
				actorId: staff.id,
				action: 'report.triaged',
				subject: ref,
				detail: { ref, changed, rationale: input.rationale !== null }
			});
			if ('team' in changed) {
				audit.push({
					actorId: staff.id,
					action: 'report.rerouted',
					subject: ref,
					detail: { ref, from: before.team, to: input.team }
				});
			}
		}
		if (input.rationale) {
			await insertNote(trx, report, staff, 'thrive', input.rationale);
			audit.push({
				actorId: staff.id,
				action: 'report.note_added',
				subject: ref,
				detail: { ref, kind: 'thrive' }
			});
		}
		if (input.reporter_message) {
			await insertUnitMessage(trx, report, staff, input.reporter_message);
			audit.push({
				actorId: staff.id,
				action: 'report.message_sent',
				subject: ref,
				detail: { ref, automatic: true }
			});
		}
		if (audit.length === 0) {
			throw new DomainError(400, 'unchanged', 'Nothing was changed.');
		}
		return { result: { changed: Object.keys(changed) }, audit };
	});
}

export async function addNote(db: Db, staff: Staff, ref: string, note: SealedNote) {
	return withAudit(db, async (trx) => {
		const report = await findReportByRef(trx, ref);
		if (!report) {
			throw notFound();
		}
		await insertNote(trx, report, staff, 'note', note);
		await trx
			.updateTable('reports')
			.set({ updated_at: nowIso() })
			.where('id', '=', report.id)
			.execute();
		return {
			result: undefined,
			audit: {
				actorId: staff.id,
				action: 'report.note_added',
				subject: ref,
				detail: { ref, kind: 'note' }
			}
		};
	});
}

export async function addUnitMessage(db: Db, staff: Staff, ref: string, message: SealedMessage) {
	return withAudit(db, async (trx) => {
		const report = await findReportByRef(trx, ref);
		if (!report) {
			throw notFound();
		}
		if (report.withdrawn_at) {
			throw new DomainError(409, 'withdrawn', 'The reporter has withdrawn this report.');
		}
		const id = await insertUnitMessage(trx, report, staff, message);
		await trx
			.updateTable('reports')
			.set({ updated_at: nowIso() })
			.where('id', '=', report.id)
			.execute();
		return {
			result: { id },
			audit: {
				actorId: staff.id,
				action: 'report.message_sent',
				subject: ref,
				detail: { ref, automatic: false }
			}
		};
	});
}

/** Active reviewers and admins: who a report may be assigned to (never an analyst or a partner
 * worker). */
export const assignableStaff = (db: Db) =>
	db
		.selectFrom('staff')
		.select(['id', 'username', 'team'])
		.where('status', '=', 'active')
		.where('role', 'in', CASE_ROLES)
		.orderBy('username')
		.execute();
