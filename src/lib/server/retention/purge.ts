import { sql, type Transaction } from 'kysely';
import { toBase64url, utf8 } from '../../crypto/encoding';
import { getSodium } from '../../crypto/sodium';
import type { RetentionPeriods } from '../../report/retention';
import { deleteExpiredAccess } from '../auth/expiry';
import { withAudit, type AuditInput } from '../audit/chain';
import { IDLE_MINUTES } from '../auth/sessions';
import { getServerSecret } from '../config';
import type { Db } from '../db';
import type { Database } from '../db/schema';
import { cutoffsAt, dueReports, dueWarnings, stillDue, type Cutoffs, type DueReport } from './due';
import { loadRetention } from './settings';
import { isPostgres } from '../db/engine';

/**
 * The retention purge (DESIGN §7, issue 12). Each due report goes in its own transaction with
 * everything that points at it, leaving one `report.purge` audit line that holds a keyed hash of
 * its reference and counts, never content. Deletion is real: every connection runs with
 * `secure_delete` (db/connect.ts), so freed pages are overwritten with zeros; and since the WAL
 * still holds the old pages until a checkpoint, the purge ends with `wal_checkpoint(TRUNCATE)`.
 */

export interface PurgeCounts {
	reports: number;
	messages: number;
	files: number;
	notes: number;
	links: number;
	warningDrafts: number;
	warnings: number;
	sessions: number;
	invites: number;
}

/** What started a purge, kept in its audit lines: the server's daily run or `npm run purge`. */
export type PurgeTrigger = 'daily' | 'command';

export interface PurgeResult {
	counts: PurgeCounts;
	periods: RetentionPeriods;
	/** False when another connection kept the WAL from being emptied; the next purge tries again. */
	walTruncated: boolean;
}

const emptyCounts = (): PurgeCounts => ({
	reports: 0,
	messages: 0,
	files: 0,
	notes: 0,
	links: 0,
	warningDrafts: 0,
	warnings: 0,
	sessions: 0,
	invites: 0
});

/** A keyed hash of the reference: whoever holds the server secret can confirm that a given report
 * was purged; the audit line alone does not say which. Its own KDF context, so no other use of
 * the server secret shares the key. */
async function refHash(ref: string): Promise<string> {
	const sodium = await getSodium();
	const key = sodium.crypto_kdf_derive_from_key(32, 1, 'srpurge1', getServerSecret());
	return toBase64url(sodium.crypto_generichash(16, utf8('report.purge|' + ref), key));
}

const removed = (result: { numDeletedRows: bigint }[] | { numDeletedRows: bigint }) =>
	(Array.isArray(result) ? result : [result]).reduce((n, r) => n + Number(r.numDeletedRows), 0);

/** Deletes one report and every row that points at it. Warnings already published from it and
 * signed deviation records stay (they are the unit's own records), with the link cut. */
async function deleteReport(trx: Transaction<Database>, id: string, now: string) {
	const draftIds = (
		await trx
			.selectFrom('warnings')
			.select('id')
			.where('report_id', '=', id)
			.where('status', '=', 'draft')
			.execute()
	).map((w) => w.id);
	if (draftIds.length > 0) {
		await trx.deleteFrom('warning_versions').where('warning_id', 'in', draftIds).execute();
		await trx.deleteFrom('warnings').where('id', 'in', draftIds).execute();
	}
	const kept = await trx
		.updateTable('warnings')
		.set({ report_id: null, report_deleted_at: now })
		.where('report_id', '=', id)
		.executeTakeFirst();
	const deviations = await trx
		.updateTable('deviations')
		.set({ report_id: null })
		.where('report_id', '=', id)
		.executeTakeFirst();
	// Files first: message files point at their message as well as at the report.
	const files = removed(await trx.deleteFrom('attachments').where('report_id', '=', id).execute());
	const messages = removed(await trx.deleteFrom('messages').where('report_id', '=', id).execute());
	const notes = removed(await trx.deleteFrom('notes').where('report_id', '=', id).execute());
	const links = removed(await trx.deleteFrom('report_links').where('report_id', '=', id).execute());
	await trx.deleteFrom('report_types').where('report_id', '=', id).execute();
	await trx.deleteFrom('reports').where('id', '=', id).execute();
	return {
		messages,
		files,
		notes,
		links,
		warningDrafts: draftIds.length,
		warningsKept: Number(kept.numUpdatedRows),
		deviationsKept: Number(deviations.numUpdatedRows)
	};
}

async function purgeReport(
	db: Db,
	report: DueReport,
	cutoffs: Cutoffs,
	counts: PurgeCounts,
	at: string,
	via: PurgeTrigger
) {
	const hash = await refHash(report.ref);
	await withAudit(db, async (trx) => {
		if (!(await stillDue(trx, report, cutoffs))) {
			return { result: undefined, audit: [] };
		}
		const gone = await deleteReport(trx, report.id, at);
		counts.reports += 1;
		counts.messages += gone.messages;
		counts.files += gone.files;
		counts.notes += gone.notes;
		counts.links += gone.links;
		counts.warningDrafts += gone.warningDrafts;
		return {
			result: undefined,
			audit: {
				actorId: null,
				action: 'report.purge',
				subject: null,
				detail: { ref_hash: hash, rule: report.rule, via, ...gone }
			}
		};
	});
}

/**
 * What SQLite keeps of deleted rows outside the rows themselves. `sqlite_stat4` holds sample
 * index keys (report ids, lookup hashes, blind indexes, session hashes) copied by ANALYZE, which
 * the server runs to keep the planner's statistics (db/planner-stats.ts): analysing again
 * replaces the samples of deleted rows.
 * Then the WAL, which still holds the old pages, is emptied into the database file and truncated.
 * Returns false if another connection kept the WAL from being emptied.
 */
async function eraseLeftovers(db: Db, anythingDeleted: boolean): Promise<boolean> {
	if (isPostgres(db)) {
		return true;
	}
	if (anythingDeleted) {
		await sql`analyze`.execute(db);
	}
	const { rows } = await sql<{
		busy: number;
		log: number;
		checkpointed: number;
	}>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
	return rows[0]?.busy === 0;
}

/** Deletes everything whose retention period has run out at `now`, then truncates the WAL. */
export async function purgeDue(
	db: Db,
	options: { now: Date; via?: PurgeTrigger }
): Promise<PurgeResult> {
	const { now } = options;
	const via = options.via ?? 'daily';
	const periods = await loadRetention(db);
	const cutoffs = cutoffsAt(now, periods);
	const counts = emptyCounts();

	for (const report of await dueReports(db, cutoffs)) {
		await purgeReport(db, report, cutoffs, counts, now.toISOString(), via);
	}

	await withAudit(db, async (trx) => {
		const warnings = await dueWarnings(trx, cutoffs).execute();
		const ids = warnings.map((w) => w.id);
		if (ids.length > 0) {
			await trx.deleteFrom('warning_versions').where('warning_id', 'in', ids).execute();
			await trx.deleteFrom('warnings').where('id', 'in', ids).execute();
		}
		const access = await deleteExpiredAccess(trx, now.toISOString(), IDLE_MINUTES, periods);
		counts.warnings = ids.length;
		counts.sessions = access.sessions;
		counts.invites = access.invites;
		const audit: AuditInput[] = warnings.map((w) => ({
			actorId: null,
			action: 'warning.purge',
			subject: null,
			detail: { warning_id: w.id, was: w.status, via }
		}));
		if (access.sessions + access.invites > 0) {
			audit.push({
				actorId: null,
				action: 'retention.purge',
				subject: null,
				detail: { sessions: access.sessions, invites: access.invites, via }
			});
		}
		return { result: undefined, audit };
	});

	const anythingDeleted = Object.values(counts).some((n) => n > 0);
	return { counts, periods, walTruncated: await eraseLeftovers(db, anythingDeleted) };
}
