import { sql } from 'kysely';
import type { Db } from '../../../src/lib/server/db';
import { analyzeEverything } from '../../../src/lib/server/db/planner-stats';

const DONE = 'bench_stats_spread_v2';

/** A random one of the given SQL string literals (each row draws again). */
const oneOf = (items: string[]) =>
	sql.raw(
		`(case abs(random()) % ${items.length} ${items.map((v, i) => `when ${i} then '${v}'`).join(' ')} end)`
	);
const level = () => oneOf(['low', 'low', 'medium', 'high']);
/** The whole hours the write paths store beside each time (src/lib/server/stats/hours.ts). */
export const hoursSql = sql.raw(
	[
		['hours_to_open', 'first_opened_at'],
		['hours_to_reply', 'first_reply_at'],
		['hours_to_close', 'closed_at']
	]
		.map(
			([column, time]) =>
				`${column} = case when ${time} is null then null else max(0, cast((julianday(${time}) - julianday(created_at)) * 24 as integer)) end`
		)
		.join(', ')
);

/** An ISO time some random offset (an SQL expression) after a column. */
const iso = (from: string, offset: string) =>
	sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', ${from}, ${offset})`);

/**
 * Gives the queue benchmark's reports what a working unit's two years would hold, so the
 * statistics benchmark reads honest data: arrival spread over 24 months (to the hour, as stored),
 * THRIVE and outcomes where triage would have set them, first opening, first reply and closing
 * times after arrival, some changed consent, and published warnings. Applied once per database.
 */
export async function spreadForStatistics(db: Db, log: (line: string) => void) {
	const done = await db
		.selectFrom('settings')
		.select('value')
		.where('key', '=', DONE)
		.executeTakeFirst();
	if (done) {
		return;
	}
	log('  spreading arrival times and triage over two years…');
	await sql`update reports set created_at =
		strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-' || (abs(random()) % 17520) || ' hours')`.execute(db);
	// Each type row carries its report's arrival time (the report store writes both together).
	await sql`update report_types set created_at = (
		select created_at from reports where reports.id = report_types.report_id)`.execute(db);
	await sql`update reports set
		first_opened_at = case when status = 'new' and abs(random()) % 3 > 0 then null
			else ${iso('created_at', `'+' || (5 + abs(random()) % 4320) || ' minutes'`)} end,
		thrive_json = case when grade is null then null else
			'{"engagement":"' || ${level()} || '","harm":"' || ${level()} || '","investigation":"' ||
			${level()} || '","risk":"' || ${level()} || '","threat":"' || ${level()} ||
			'","vulnerability":"' || ${level()} || '"}' end,
		outcome = case when status = 'closed' then ${oneOf([
			'intelligence_recorded',
			'crime_recorded',
			'investigation',
			'charged',
			'nfa',
			'referred_partner',
			'duplicate',
			'withdrawn'
		])} else null end,
		consent_warn = case when abs(random()) % 20 = 0 then 1 - warn else null end`.execute(db);
	await sql`update reports set
		first_reply_at = case when first_opened_at is null or abs(random()) % 10 < 4 then null
			else ${iso('first_opened_at', `'+' || (abs(random()) % 2880) || ' minutes'`)} end,
		closed_at = case when status = 'closed'
			then ${iso('created_at', `'+' || (1 + abs(random()) % 1440) || ' hours'`)} else null end`.execute(
		db
	);
	await sql`update reports set first_opened_at = created_at
		where first_opened_at is null and status <> 'new'`.execute(db);
	await sql`update reports set ${hoursSql}`.execute(db);
	await sql`insert into warnings (id, area, incident_month, types_json, title, body,
		identifiers_json, status, published_at, created_at, updated_at)
		select 'bench-warning-' || seq, coalesce(area, 'unknown'), substr(created_at, 1, 7), '[]',
			'Bench warning', '', '[]', 'published', first_opened_at, created_at, created_at
		from reports where seq % 40 = 0 and first_opened_at is not null`.execute(db);
	// Two years on a live portal hold many of its daily statistics passes: one stands for them.
	await analyzeEverything(db);
	await db.insertInto('settings').values({ key: DONE, value: '1' }).execute();
}
