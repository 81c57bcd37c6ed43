import type { Kysely } from 'kysely';
import { withAudit } from '../audit/chain';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { nowIso } from '../time';
import { fromBase64url } from '../../crypto/encoding';
import type { LinkedReport } from '../../api/case-file';
import { notFound } from './api';

/** Other reports sharing at least one blind index (DESIGN §5.6) with this one. The server
 * compares keyed hashes only; it never learns the identifiers behind them. */
export async function linkedReports(
	db: Kysely<Database>,
	reportId: string
): Promise<LinkedReport[]> {
	const rows = await db
		.selectFrom('reports')
		.select(['reports.ref', 'reports.team', 'reports.status', 'reports.created_at'])
		.where('reports.id', '<>', reportId)
		.where('reports.id', 'in', (eb) =>
			eb
				.selectFrom('report_links as other')
				.innerJoin('report_links as mine', 'mine.index_value', 'other.index_value')
				.select('other.report_id')
				.where('mine.report_id', '=', reportId)
		)
		.orderBy('reports.created_at')
		.orderBy('reports.ref')
		.limit(100)
		.execute();
	return rows.map((r) => ({ ref: r.ref, team: r.team, status: r.status }));
}

/** Stores a report's blind indexes; posting the same set again changes nothing but the time. */
export async function storeLinks(db: Db, staff: Staff, ref: string, indexes: string[]) {
	return withAudit(db, async (trx) => {
		const report = await trx
			.selectFrom('reports')
			.select(['id', 'links_indexed_at'])
			.where('ref', '=', ref)
			.executeTakeFirst();
		if (!report) {
			throw notFound();
		}
		const values = indexes.map((i) => fromBase64url(i));
		const existing = await trx
			.selectFrom('report_links')
			.select('index_value')
			.where('report_id', '=', report.id)
			.execute();
		const known = new Set(existing.map((e) => Buffer.from(e.index_value).toString('hex')));
		const fresh = values.filter((v) => !known.has(Buffer.from(v).toString('hex')));
		for (const value of fresh) {
			await trx
				.insertInto('report_links')
				.values({ report_id: report.id, index_value: value })
				.execute();
		}
		await trx
			.updateTable('reports')
			.set({ links_indexed_at: nowIso() })
			.where('id', '=', report.id)
			.execute();
		return {
			result: { added: fresh.length, linked: await linkedReports(trx, report.id) },
			audit: {
				actorId: staff.id,
				action: 'report.links_indexed',
				subject: ref,
				detail: { ref, indexes: values.length, added: fresh.length }
			}
		};
	});
}

/** Reports no reviewer's browser has indexed yet, oldest first. */
export async function unindexedRefs(db: Kysely<Database>, limit = 50): Promise<string[]> {
	const rows = await db
		.selectFrom('reports')
		.select('ref')
		.where('links_indexed_at', 'is', null)
		.orderBy('created_at')
		.orderBy('id')
		.limit(limit)
		.execute();
	return rows.map((r) => r.ref);
}

/** How many other reports no reviewer's browser has indexed yet: until they are, "no link" is
 * only "no link among the reports checked so far". */
export async function uncheckedReports(db: Kysely<Database>, reportId: string): Promise<number> {
	const row = await db
		.selectFrom('reports')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('id', '<>', reportId)
		.where('links_indexed_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
