import type { Db } from '../db';
import { deviationsForReport } from '../deviations/list';
import { warnConsent } from './consent';
import { cameFromReport, liveWarnings, today, toPublished } from './store';

/** What the editor needs to know about the report behind a warning. */
export async function reportContext(db: Db, reportId: string | null) {
	if (reportId === null) {
		return { reportRef: null, consent: null, deviations: [] };
	}
	const report = await db
		.selectFrom('reports')
		.selectAll()
		.where('id', '=', reportId)
		.executeTakeFirst();
	if (!report) {
		return { reportRef: null, consent: null, deviations: [] };
	}
	return {
		reportRef: report.ref,
		consent: warnConsent(report),
		deviations: await deviationsForReport(db, reportId)
	};
}

/** Every warning for the staff list, with what needs doing: a published warning whose reporter
 * has since said no (and no deviation record covers it) must be put in front of a reviewer. */
export async function staffWarningList(db: Db) {
	const rows = await db
		.selectFrom('warnings')
		.selectAll()
		.orderBy('updated_at', 'desc')
		.limit(500)
		.execute();
	const reportIds = [...new Set(rows.flatMap((r) => (r.report_id ? [r.report_id] : [])))];
	const reports = new Map(
		reportIds.length === 0
			? []
			: (await db.selectFrom('reports').selectAll().where('id', 'in', reportIds).execute()).map(
					(r) => [r.id, r]
				)
	);
	const day = today();
	return rows.map((row) => {
		const report = row.report_id ? reports.get(row.report_id) : undefined;
		const consent = report ? warnConsent(report) : true;
		return {
			id: row.id,
			title: row.title,
			status: row.status,
			version: row.version,
			updated_at: row.updated_at,
			report_ref: report?.ref ?? null,
			from_report: cameFromReport(row),
			expired: row.expires_on !== null && row.expires_on < day,
			consentWithdrawn: row.status === 'published' && !consent && row.deviation_id === null
		};
	});
}

/** Staff read the bulletin without the passphrase: the same live warnings readers see. */
export const staffBulletin = async (db: Db) =>
	(await liveWarnings(db).orderBy('published_at', 'desc').execute()).map(toPublished);
