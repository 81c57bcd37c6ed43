import { verifyRecord, type DeviationRecord } from '../../crypto/signed-record';
import { getSodium } from '../../crypto/sodium';
import type { Db } from '../db';
import type { DeviationListItem } from '../../api/records';

export const DEVIATION_PAGE_SIZE = 50;

interface StoredDeviation {
	id: string;
	staff_id: string;
	at: string;
	record_json: string;
	signature: Uint8Array;
	sign_pk: Uint8Array;
}

/** Checks one stored record: its signature under the author's key, and that the row's author and
 * date are the ones that were signed. */
export function checkStoredDeviation(
	sodium: Awaited<ReturnType<typeof getSodium>>,
	row: StoredDeviation
): { record: Partial<DeviationRecord>; verified: boolean } {
	let record: DeviationRecord;
	try {
		record = JSON.parse(row.record_json);
	} catch {
		return { record: {}, verified: false };
	}
	const verified =
		typeof record === 'object' &&
		record !== null &&
		record.staff_id === row.staff_id &&
		record.at === row.at &&
		verifyRecord(sodium, record, new Uint8Array(row.signature), new Uint8Array(row.sign_pk));
	return { record: record ?? {}, verified };
}

/** Stored records with what checking and listing them needs of their author. */
const deviationsWithAuthor = (db: Db) =>
	db
		.selectFrom('deviations')
		.innerJoin('staff', 'staff.id', 'deviations.staff_id')
		.select([
			'deviations.id',
			'deviations.staff_id',
			'deviations.at',
			'deviations.record_json',
			'deviations.signature',
			'staff.sign_pk',
			'staff.username'
		]);

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
	const items = page.map((row) => {
		const { record, verified } = checkStoredDeviation(sodium, row);
		return {
			id: row.id,
			at: row.at,
			author: row.username,
			reportRef: typeof record.report_ref === 'string' ? record.report_ref : null,
			text: typeof record.text === 'string' ? record.text : '',
			verified
		};
	});
	const last = page[page.length - 1];
	return { items, next: rows.length > limit && last ? { at: last.at, id: last.id } : null };
}

/** Every stored record checked, for the audit page: how many verify, and which do not. */
export async function verifyAllDeviations(db: Db) {
	const sodium = await getSodium();
	const rows = await deviationsWithAuthor(db)
		.orderBy('deviations.at')
		.orderBy('deviations.id')
		.execute();
	const failed: { id: string; at: string; author: string }[] = [];
	for (const row of rows) {
		if (!checkStoredDeviation(sodium, row).verified) {
			failed.push({ id: row.id, at: row.at, author: row.username });
		}
	}
	return { count: rows.length, verified: rows.length - failed.length, failed };
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
