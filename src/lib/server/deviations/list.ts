import { getSodium } from '../../crypto/sodium';
import type { Db } from '../db';
import type { DeviationListItem } from '../../api/records';
import { acknowledgementOf, checkStoredCountersignature, checkStoredDeviation } from './check';

export { checkStoredDeviation } from './check';

export const DEVIATION_PAGE_SIZE = 50;

/** Stored records with what checking and listing them needs: their author, the line manager they
 * name, and the countersignature if there is one, with its signer's key. */
export const deviationsWithAuthor = (db: Db) =>
	db
		.selectFrom('deviations')
		.innerJoin('staff', 'staff.id', 'deviations.staff_id')
		.leftJoin('staff as manager', 'manager.id', 'deviations.line_manager_id')
		.leftJoin('deviation_countersignatures as ack', 'ack.deviation_id', 'deviations.id')
		.leftJoin('staff as acker', 'acker.id', 'ack.staff_id')
		.select([
			'deviations.id',
			'deviations.staff_id',
			'deviations.at',
			'deviations.record_json',
			'deviations.signature',
			'deviations.line_manager_id',
			'staff.sign_pk',
			'staff.username',
			'manager.username as line_manager',
			'ack.staff_id as ack_staff_id',
			'ack.at as ack_at',
			'ack.body_json as ack_body_json',
			'ack.signature as ack_signature',
			'acker.sign_pk as ack_sign_pk',
			'acker.username as ack_username'
		]);

type Row = Awaited<ReturnType<ReturnType<typeof deviationsWithAuthor>['execute']>>[number];

/** One row as the pages list it: the record checked, and where it stands with its line manager. */
export function toListItem(sodium: Awaited<ReturnType<typeof getSodium>>, row: Row) {
	const { record, verified } = checkStoredDeviation(sodium, row);
	return {
		id: row.id,
		at: row.at,
		author: row.username,
		reportRef: typeof record.report_ref === 'string' ? record.report_ref : null,
		text: typeof record.text === 'string' ? record.text : '',
		verified,
		acknowledgement: acknowledgementOf(sodium, row)
	} satisfies DeviationListItem;
}

/** Newest first, keyset-paginated by (at, id); each record verified as it is listed. */
export async function listDeviations(
	db: Db,
	options: { before?: { at: string; id: string }; limit?: number } = {}
): Promise<{ items: DeviationListItem[]; next: { at: string; id: string } | null }> {
	const sodium = await getSodium();
	const limit = options.limit ?? DEVIATION_PAGE_SIZE;
	const rows = await deviationsWithAuthor(db)
		.$if(options.before !== undefined, (qb) =>
			qb.where((eb) =>
				eb(
					eb.refTuple('deviations.at', 'deviations.id'),
					'<',
					eb.tuple(options.before!.at, options.before!.id)
				)
			)
		)
		.orderBy('deviations.at', 'desc')
		.orderBy('deviations.id', 'desc')
		.limit(limit + 1)
		.execute();
	const page = rows.slice(0, limit);
	const items = page.map((row) => toListItem(sodium, row));
	const last = page[page.length - 1];
	return { items, next: rows.length > limit && last ? { at: last.at, id: last.id } : null };
}

type Failure = { id: string; at: string; author: string };
/** `missing`: the audit log records an acknowledgement that the database no longer holds. */
type CountersignatureFailure = Failure & { missing: boolean };

/** Every acknowledgement the audit log records, by record id: a deleted countersignature row
 * would otherwise turn silently back into "waiting". */
async function countersignaturesInAudit(db: Db) {
	const rows = await db
		.selectFrom('audit_events')
		.leftJoin('staff', 'staff.id', 'audit_events.actor_id')
		.select(['audit_events.at', 'audit_events.detail_json', 'staff.username'])
		.where('audit_events.action', '=', 'deviation.countersign')
		.execute();
	return rows.flatMap((row) => {
		try {
			const id = (JSON.parse(row.detail_json) as { deviation_id?: unknown }).deviation_id;
			return typeof id === 'string'
				? [{ id, at: row.at, author: row.username ?? 'an unknown member' }]
				: [];
		} catch {
			return [];
		}
	});
}

/** Every stored record and countersignature checked, for the audit page: how many verify, and
 * which do not. */
export async function verifyAllDeviations(db: Db) {
	const sodium = await getSodium();
	const rows = await deviationsWithAuthor(db)
		.orderBy('deviations.at')
		.orderBy('deviations.id')
		.execute();
	const failed: Failure[] = [];
	const countersignatures = { count: 0, verified: 0, failed: [] as CountersignatureFailure[] };
	const acknowledged = new Set<string>();
	for (const row of rows) {
		if (!checkStoredDeviation(sodium, row).verified) {
			failed.push({ id: row.id, at: row.at, author: row.username });
		}
		if (row.ack_at !== null) {
			acknowledged.add(row.id);
			countersignatures.count++;
			if (checkStoredCountersignature(sodium, row).verified) {
				countersignatures.verified++;
			} else {
				countersignatures.failed.push({
					id: row.id,
					at: row.ack_at,
					author: row.ack_username ?? 'an unknown member',
					missing: false
				});
			}
		}
	}
	for (const logged of await countersignaturesInAudit(db)) {
		if (!acknowledged.has(logged.id)) {
			acknowledged.add(logged.id);
			countersignatures.count++;
			countersignatures.failed.push({ ...logged, missing: true });
		}
	}
	return { count: rows.length, verified: rows.length - failed.length, failed, countersignatures };
}

/** One stored record with its report, checked as the audit page checks it; null if none. */
export async function findDeviation(db: Db, id: string) {
	const sodium = await getSodium();
	const row = await deviationsWithAuthor(db)
		.select('deviations.report_id')
		.where('deviations.id', '=', id)
		.executeTakeFirst();
	if (!row) {
		return null;
	}
	const { verified } = checkStoredDeviation(sodium, row);
	return { id: row.id, reportId: row.report_id, staffId: row.staff_id, verified };
}

/** The records about one report, newest first, each checked. */
export async function deviationsForReport(db: Db, reportId: string) {
	const sodium = await getSodium();
	const rows = await deviationsWithAuthor(db)
		.where('deviations.report_id', '=', reportId)
		.orderBy('deviations.at', 'desc')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		at: row.at,
		author: row.username,
		verified: checkStoredDeviation(sodium, row).verified
	}));
}
