import type { Kysely } from 'kysely';
import type { IdentifierKind } from '../../report/normalize';
import {
	periodStart,
	type BulletinFilter,
	type PublishedWarning,
	type WarningContent,
	type WarningIdentifier
} from '../../report/warning';
import type { Database, Warning } from '../db/schema';

type Executor = Kysely<Database>;

/** Today as YYYY-MM-DD (UTC): a warning is shown up to and including its expiry day. */
export const today = (now = new Date()) => now.toISOString().slice(0, 10);

export const findWarning = (db: Executor, id: string) =>
	db.selectFrom('warnings').selectAll().where('id', '=', id).executeTakeFirst();

const parseList = <T>(json: string): T[] => {
	try {
		const value = JSON.parse(json) as unknown;
		return Array.isArray(value) ? (value as T[]) : [];
	} catch {
		return [];
	}
};

/** The editable content of a stored row, as the editor and the version history hold it. */
export const contentOf = (row: Warning): WarningContent => ({
	area: row.area as WarningContent['area'],
	month: row.incident_month,
	types: parseList<WarningContent['types'][number]>(row.types_json),
	title: row.title,
	body: row.body,
	description: row.description,
	identifiers: parseList<WarningIdentifier>(row.identifiers_json),
	expires_on: row.expires_on ?? '',
	source_note: row.source_note
});

/** The columns a content change writes. */
export const contentColumns = (content: WarningContent) => ({
	area: content.area,
	incident_month: content.month,
	types_json: JSON.stringify(content.types),
	title: content.title.trim(),
	body: content.body.trim(),
	description: content.description.trim(),
	identifiers_json: JSON.stringify(content.identifiers),
	expires_on: content.expires_on === '' ? null : content.expires_on,
	source_note: content.source_note.trim()
});

/** Made from a report, whether that report is still kept or was deleted by the retention purge. */
export const cameFromReport = (row: Pick<Warning, 'report_id' | 'report_deleted_at'>) =>
	row.report_id !== null || row.report_deleted_at !== null;

export const toPublished = (row: Warning): PublishedWarning => {
	const content = contentOf(row);
	return {
		id: row.id,
		area: content.area,
		month: content.month,
		types: content.types,
		title: content.title,
		body: content.body,
		description: content.description,
		identifiers: content.identifiers,
		published_at: row.published_at ?? row.updated_at,
		updated_at: row.updated_at,
		version: row.version,
		from_report: cameFromReport(row)
	};
};

/** Published and not past its expiry day: what readers, the check and the feed may see. */
export const liveWarnings = (db: Executor, now = new Date()) =>
	db
		.selectFrom('warnings')
		.selectAll()
		.where('status', '=', 'published')
		.where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today(now))]));

/** The bulletin: live warnings, newest first, narrowed by the reader's filters. */
export async function listBulletin(
	db: Executor,
	filter: BulletinFilter,
	now = new Date()
): Promise<PublishedWarning[]> {
	const since = periodStart(filter.period, now);
	const rows = await liveWarnings(db, now)
		.$if(filter.area !== '', (qb) => qb.where('area', '=', filter.area))
		.$if(since !== null, (qb) => qb.where('incident_month', '>=', since!))
		.orderBy('published_at', 'desc')
		.orderBy('id')
		.execute();
	const published = rows.map(toPublished);
	return filter.type === ''
		? published
		: published.filter((w) => w.types.includes(filter.type as never));
}

/** Live warnings naming any of these identifiers. The text checked is never stored or logged. */
export async function matchIdentifiers(
	db: Executor,
	candidates: { kind: IdentifierKind; value: string }[],
	now = new Date()
): Promise<PublishedWarning[]> {
	if (candidates.length === 0) {
		return [];
	}
	const rows = await liveWarnings(db, now).orderBy('published_at', 'desc').execute();
	return rows
		.map(toPublished)
		.filter((w) =>
			w.identifiers.some((id) => candidates.some((c) => c.kind === id.kind && c.value === id.value))
		);
}

/** Per report, its most visible warning: 'published' over 'draft' (retracted ones are not shown). */
export async function warningStateOfReports(
	db: Executor,
	reportIds: string[]
): Promise<Record<string, 'published' | 'draft'>> {
	if (reportIds.length === 0) {
		return {};
	}
	const rows = await db
		.selectFrom('warnings')
		.select(['report_id', 'status'])
		.where('report_id', 'in', reportIds)
		.where('status', 'in', ['published', 'draft'])
		.execute();
	const out: Record<string, 'published' | 'draft'> = {};
	for (const row of rows) {
		if (row.report_id && out[row.report_id] !== 'published') {
			out[row.report_id] = row.status as 'published' | 'draft';
		}
	}
	return out;
}

/** The live warnings published from one report, for its reporter's status page. */
export async function publishedFromReport(
	db: Executor,
	reportId: string,
	now = new Date()
): Promise<PublishedWarning[]> {
	const rows = await liveWarnings(db, now)
		.where('report_id', '=', reportId)
		.orderBy('published_at', 'desc')
		.execute();
	return rows.map(toPublished);
}
