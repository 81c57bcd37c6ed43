import { sql, type Kysely } from 'kysely';

// Frozen in time: imports no application code.
//
// Statistics (issue 11) count reports by envelope and triage columns over a period, at 100,000
// reports, without parsing envelope JSON row by row and without a key. Two envelope fields the
// server already reads (under18, reporter) get columns of their own, as area and police did in
// 0004; the unit's first message to the reporter gets a column as first_opened_at and closed_at
// have, filled by the write path from now on and here from the messages table. A narrow index
// per count lets each read only its own index over the chosen period.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const BATCH = 500;

export async function up(db: Db): Promise<void> {
	await db.schema.alterTable('reports').addColumn('under18', 'text').execute();
	await db.schema.alterTable('reports').addColumn('reporter', 'text').execute();
	await db.schema.alterTable('reports').addColumn('first_reply_at', 'text').execute();
	// Whole hours from arrival to first opening, first reply and closing: the durations the
	// statistics take medians of, kept beside the times so a period's durations are counted from
	// an index instead of read report by report. Written with each time by its write path.
	for (const column of ['hours_to_open', 'hours_to_reply', 'hours_to_close']) {
		await db.schema.alterTable('reports').addColumn(column, 'integer').execute();
	}

	// Portable backfill: parse each envelope here rather than with an engine's JSON functions.
	const rows = await db.selectFrom('reports').select(['id', 'envelope_json']).execute();
	const groups = new Map<string, string[]>();
	for (const row of rows as { id: string; envelope_json: string }[]) {
		let under18: unknown = null;
		let reporter: unknown = null;
		try {
			const envelope = JSON.parse(row.envelope_json) as Record<string, unknown>;
			under18 = envelope.under18 ?? null;
			reporter = envelope.reporter ?? null;
		} catch {
			// An unreadable envelope stays uncounted (NULL), as it is in the queue.
		}
		const key = JSON.stringify([
			typeof under18 === 'string' ? under18 : null,
			typeof reporter === 'string' ? reporter : null
		]);
		groups.set(key, [...(groups.get(key) ?? []), row.id]);
	}
	for (const [key, ids] of groups) {
		const [under18, reporter] = JSON.parse(key) as [string | null, string | null];
		for (let i = 0; i < ids.length; i += BATCH) {
			await db
				.updateTable('reports')
				.set({ under18, reporter })
				.where('id', 'in', ids.slice(i, i + BATCH))
				.execute();
		}
	}
	await sql`update reports set first_reply_at = (
		select min(m.created_at) from messages m
		where m.report_id = reports.id and m.direction = 'to_reporter')`.execute(db);
	const times = (await db
		.selectFrom('reports')
		.select(['id', 'created_at', 'first_opened_at', 'first_reply_at', 'closed_at'])
		.execute()) as {
		id: string;
		created_at: string;
		first_opened_at: string | null;
		first_reply_at: string | null;
		closed_at: string | null;
	}[];
	const hours = (from: string, to: string | null) => {
		const ms = to === null ? NaN : Date.parse(to) - Date.parse(from);
		return Number.isNaN(ms) ? null : Math.max(0, Math.floor(ms / 3_600_000));
	};
	for (const [column, source] of [
		['hours_to_open', 'first_opened_at'],
		['hours_to_reply', 'first_reply_at'],
		['hours_to_close', 'closed_at']
	] as const) {
		const byValue = new Map<number, string[]>();
		for (const row of times) {
			const value = hours(row.created_at, row[source]);
			if (value !== null) {
				byValue.set(value, [...(byValue.get(value) ?? []), row.id]);
			}
		}
		for (const [value, ids] of byValue) {
			for (let i = 0; i < ids.length; i += BATCH) {
				await db
					.updateTable('reports')
					.set({ [column]: value })
					.where('id', 'in', ids.slice(i, i + BATCH))
					.execute();
			}
		}
	}

	// Each count walks a narrow index led by what it counts, then the arrival time: SQLite seeks
	// each value's slice of the period instead of sorting every row (measured with npm run bench:
	// one wide covering index was many times slower, as each of its entries is long).
	const STATS_INDEXES: Record<string, string[]> = {
		reports_stats_area: ['area', 'created_at'],
		reports_stats_under18: ['under18', 'created_at'],
		reports_stats_reporter: ['reporter', 'created_at'],
		reports_stats_warn: ['warn', 'consent_warn', 'created_at'],
		reports_stats_police: ['police', 'consent_police', 'created_at'],
		reports_stats_grade: ['grade', 'created_at'],
		reports_stats_outcome: ['outcome', 'created_at'],
		reports_stats_thrive: ['thrive_json', 'created_at'],
		reports_stats_open: ['hours_to_open', 'created_at'],
		reports_stats_reply: ['hours_to_reply', 'created_at'],
		reports_stats_close: ['hours_to_close', 'created_at']
	};
	for (const [name, columns] of Object.entries(STATS_INDEXES)) {
		await db.schema.createIndex(name).on('reports').columns(columns).execute();
	}
	// A report's types are counted by arrival time too: the time is copied beside each type.
	await db.schema.alterTable('report_types').addColumn('created_at', 'text').execute();
	await sql`update report_types set created_at = (
		select r.created_at from reports r where r.id = report_types.report_id)`.execute(db);
	await db.schema
		.createIndex('report_types_stats')
		.on('report_types')
		.columns(['type', 'created_at'])
		.execute();
	await db.schema.createIndex('warnings_published').on('warnings').column('published_at').execute();
	await sql`analyze`.execute(db);
}

export async function down(db: Db): Promise<void> {
	await db.schema.dropIndex('warnings_published').execute();
	await db.schema.dropIndex('report_types_stats').execute();
	await db.schema.alterTable('report_types').dropColumn('created_at').execute();
	for (const name of [
		'reports_stats_close',
		'reports_stats_reply',
		'reports_stats_open',
		'reports_stats_thrive',
		'reports_stats_outcome',
		'reports_stats_grade',
		'reports_stats_police',
		'reports_stats_warn',
		'reports_stats_reporter',
		'reports_stats_under18',
		'reports_stats_area'
	]) {
		await db.schema.dropIndex(name).execute();
	}
	for (const column of [
		'hours_to_close',
		'hours_to_reply',
		'hours_to_open',
		'first_reply_at',
		'reporter',
		'under18'
	]) {
		await db.schema.alterTable('reports').dropColumn(column).execute();
	}
}
