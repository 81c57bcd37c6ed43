import type { Db } from '../db';
import type { AuditListItem } from '../../api/records';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
	/** A staff id, or 'system' for events no member caused (a report arriving, say). */
	actor?: string;
	action?: string;
	/** The subject: a report reference, or a staff id. */
	subject?: string;
	/** Inclusive dates, YYYY-MM-DD (UTC). */
	from?: string;
	to?: string;
}

const nextDay = (date: string) =>
	new Date(Date.parse(date + 'T00:00:00.000Z') + 86_400_000).toISOString().slice(0, 10);

/** One page of the audit log, newest first, keyset-paginated by seq. */
export async function listAuditEvents(
	db: Db,
	filters: AuditFilters,
	beforeSeq?: number,
	limit = AUDIT_PAGE_SIZE
): Promise<{ items: AuditListItem[]; nextBefore: number | null }> {
	let query = db
		.selectFrom('audit_events')
		.leftJoin('staff', 'staff.id', 'audit_events.actor_id')
		.leftJoin('staff as about', 'about.id', 'audit_events.subject')
		.select([
			'audit_events.seq',
			'audit_events.at',
			'audit_events.actor_id',
			'audit_events.action',
			'audit_events.subject',
			'audit_events.detail_json',
			'staff.username',
			'about.username as subject_name'
		]);
	if (filters.actor === 'system') {
		query = query.where('audit_events.actor_id', 'is', null);
	} else if (filters.actor) {
		query = query.where('audit_events.actor_id', '=', filters.actor);
	}
	if (filters.action) {
		query = query.where('audit_events.action', '=', filters.action);
	}
	if (filters.subject) {
		query = query.where('audit_events.subject', '=', filters.subject);
	}
	// ISO-8601 UTC strings sort as time, so dates compare as text on both engines.
	if (filters.from) {
		query = query.where('audit_events.at', '>=', filters.from);
	}
	if (filters.to) {
		query = query.where('audit_events.at', '<', nextDay(filters.to));
	}
	if (beforeSeq !== undefined) {
		query = query.where('audit_events.seq', '<', beforeSeq);
	}
	const rows = await query
		.orderBy('audit_events.seq', 'desc')
		.limit(limit + 1)
		.execute();
	const page = rows.slice(0, limit);
	return {
		items: page.map((row) => {
			let detail: Record<string, unknown>;
			try {
				detail = JSON.parse(row.detail_json);
			} catch {
				detail = { unreadable: row.detail_json };
			}
			return {
				seq: row.seq,
				at: row.at,
				actor: row.username,
				actorId: row.actor_id,
				action: row.action,
				subject: row.subject,
				subjectName: row.subject_name,
				detail
			};
		}),
		nextBefore: rows.length > limit && page.length > 0 ? page[page.length - 1].seq : null
	};
}

/** The choices for the filters: every action recorded so far, and every staff member. */
export async function auditFilterChoices(db: Db) {
	const [actions, actors] = await Promise.all([
		db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute(),
		db.selectFrom('staff').select(['id', 'username']).orderBy('username').execute()
	]);
	return { actions: actions.map((a) => a.action), actors };
}
