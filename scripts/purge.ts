// Deletes everything whose retention period has run out, now, in the database DATABASE_URL names
// (default ./data/portal.sqlite), exactly as the server's daily purge does; the portal may keep
// serving meanwhile. Prints how many of each thing it removed; exits 1 on any error.
//   npm run purge
import { databaseUrl } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { purgeDue } from '../src/lib/server/retention/purge';

let db: ReturnType<typeof openDatabase> | undefined;
try {
	db = openDatabase(databaseUrl());
	await migrateToLatest(db);
	const { counts, periods, walTruncated } = await purgeDue(db, { now: new Date(), via: 'command' });
	console.log(
		`Retention: closed reports ${periods.closedMonths} months, withdrawn reports ${periods.withdrawnDays} days, ` +
			`warnings ${periods.warningDays} days, sessions ${periods.sessionDays} days, invites ${periods.inviteDays} days.`
	);
	console.log(`Deleted reports: ${counts.reports}`);
	console.log(`Deleted messages: ${counts.messages}`);
	console.log(`Deleted files: ${counts.files}`);
	console.log(`Deleted notes: ${counts.notes}`);
	console.log(`Deleted identifier links: ${counts.links}`);
	console.log(`Deleted warning drafts: ${counts.warningDrafts}`);
	console.log(`Deleted warnings: ${counts.warnings}`);
	console.log(`Deleted staff sessions: ${counts.sessions}`);
	console.log(`Deleted invites: ${counts.invites}`);
	if (!walTruncated) {
		console.log(
			'The write-ahead log could not be emptied while another connection was reading: run again when the portal is quiet.'
		);
		process.exitCode = 1;
	}
} catch (err) {
	console.error('Purge failed:', err instanceof Error ? err.message : String(err));
	process.exitCode = 1;
} finally {
	await db?.destroy();
}
