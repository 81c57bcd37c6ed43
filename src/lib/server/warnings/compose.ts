import type { Transaction } from 'kysely';
import type { WarningContent } from '../../report/warning';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Database, Staff, Warning } from '../db/schema';
import { newId } from '../ids';
import { DomainError } from '../errors';
import { nowIso } from '../time';
import { consentToPublish } from './consent';
import { requireKnownArea } from '../settings/areas';
import { contentColumns, contentOf, findWarning } from './store';

/**
 * The life of a warning: draft, publish, edit (a published edit keeps the earlier version), retract.
 * Every step is one transaction with its audit line. The audit line names the report and the
 * warning but never holds the warning's text: that lives in the warning itself.
 */

const notFound = () => new DomainError(404, 'not_found', 'No warning has this id.');

async function reportRefOf(trx: Transaction<Database>, reportId: string | null) {
	if (reportId === null) {
		return null;
	}
	const row = await trx
		.selectFrom('reports')
		.select('ref')
		.where('id', '=', reportId)
		.executeTakeFirst();
	return row?.ref ?? null;
}

async function editable(trx: Transaction<Database>, id: string): Promise<Warning> {
	const warning = await findWarning(trx, id);
	if (!warning) {
		throw notFound();
	}
	if (warning.status === 'retracted') {
		throw new DomainError(409, 'retracted', 'This warning was retracted and cannot be changed.');
	}
	return warning;
}

export function createWarning(
	db: Db,
	staff: Staff,
	input: { report_ref: string | null; content: WarningContent }
): Promise<{ id: string }> {
	return withAudit(db, async (trx) => {
		await requireKnownArea(trx, input.content.area);
		let reportId: string | null = null;
		if (input.report_ref !== null) {
			const report = await trx
				.selectFrom('reports')
				.select('id')
				.where('ref', '=', input.report_ref)
				.executeTakeFirst();
			if (!report) {
				throw new DomainError(404, 'not_found', 'No report has that reference.', 'report_ref');
			}
			reportId = report.id;
		}
		const id = newId();
		const now = nowIso();
		await trx
			.insertInto('warnings')
			.values({
				id,
				report_id: reportId,
				...contentColumns(input.content),
				status: 'draft',
				published_at: null,
				published_by: null,
				retracted_at: null,
				created_at: now,
				created_by: staff.id,
				updated_at: now
			})
			.execute();
		return {
			result: { id },
			audit: {
				actorId: staff.id,
				action: 'warning.drafted',
				subject: input.report_ref,
				detail: { warning_id: id, from_report: reportId !== null }
			}
		};
	});
}

/** A draft is rewritten; a published warning gets a new version and its old text is kept. */
export function editWarning(
	db: Db,
	staff: Staff,
	id: string,
	content: WarningContent
): Promise<{ version: number }> {
	return withAudit(db, async (trx) => {
		const warning = await editable(trx, id);
		await requireKnownArea(trx, content.area);
		const now = nowIso();
		let version = warning.version;
		if (warning.status === 'published') {
			// A published warning stays published only while it may be: the reporter may have
			// withdrawn consent since. The deviation relied on before still counts.
			await consentToPublish(trx, warning.report_id, warning.deviation_id);
			await trx
				.insertInto('warning_versions')
				.values({
					warning_id: id,
					version: warning.version,
					saved_at: now,
					saved_by: staff.id,
					content_json: JSON.stringify(contentOf(warning))
				})
				.execute();
			version += 1;
		}
		await trx
			.updateTable('warnings')
			.set({ ...contentColumns(content), version, updated_at: now })
			.where('id', '=', id)
			.execute();
		return {
			result: { version },
			audit: {
				actorId: staff.id,
				action: 'warning.edited',
				subject: await reportRefOf(trx, warning.report_id),
				detail: { warning_id: id, version, published: warning.status === 'published' }
			}
		};
	});
}

export type PublishOutcome =
	{ ok: true; deviationId: string | null } | { ok: false; failure: DomainError };

/**
 * Publishes a draft. A refusal for want of consent is itself recorded (its own transaction), so
 * the audit page shows the attempt as well as any later publication under a deviation record.
 */
export async function publishWarning(
	db: Db,
	staff: Staff,
	id: string,
	deviationId: string | null
): Promise<{ deviation_id: string | null }> {
	const outcome = await withAudit(db, async (trx) => {
		const warning = await findWarning(trx, id);
		if (!warning) {
			throw notFound();
		}
		if (warning.status !== 'draft') {
			throw new DomainError(409, 'not_draft', 'Only a draft can be published.');
		}
		const subject = await reportRefOf(trx, warning.report_id);
		let consent: Awaited<ReturnType<typeof consentToPublish>>;
		try {
			consent = await consentToPublish(trx, warning.report_id, deviationId);
		} catch (failure) {
			if (!(failure instanceof DomainError)) {
				throw failure;
			}
			return {
				result: { ok: false, failure } as PublishOutcome,
				audit: {
					actorId: staff.id,
					action: 'warning.publish_refused',
					subject,
					detail: { warning_id: id, reason: failure.code, deviation_id: deviationId }
				}
			};
		}
		const now = nowIso();
		await trx
			.updateTable('warnings')
			.set({
				status: 'published',
				published_at: now,
				published_by: staff.id,
				updated_at: now,
				deviation_id: consent.deviationId
			})
			.where('id', '=', id)
			.execute();
		return {
			result: { ok: true, deviationId: consent.deviationId } as PublishOutcome,
			audit: {
				actorId: staff.id,
				action: 'warning.published',
				subject,
				detail: {
					warning_id: id,
					version: warning.version,
					reporter_consent: consent.consented,
					deviation_id: consent.deviationId
				}
			}
		};
	});
	if (!outcome.ok) {
		throw outcome.failure;
	}
	return { deviation_id: outcome.deviationId };
}

/** Takes a warning off the bulletin, the check and the feed at once. */
export function retractWarning(db: Db, staff: Staff, id: string): Promise<{ status: 'retracted' }> {
	return withAudit(db, async (trx) => {
		const warning = await editable(trx, id);
		const now = nowIso();
		await trx
			.updateTable('warnings')
			.set({ status: 'retracted', retracted_at: now, retracted_by: staff.id, updated_at: now })
			.where('id', '=', id)
			.execute();
		return {
			result: { status: 'retracted' as const },
			audit: {
				actorId: staff.id,
				action: 'warning.retracted',
				subject: await reportRefOf(trx, warning.report_id),
				detail: { warning_id: id, was: warning.status }
			}
		};
	});
}
