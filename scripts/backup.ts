// Takes a consistent backup of the running portal's SQLite database and its server secret.
//   BACKUP_PASSPHRASE=… npm run backup -- <file>     (or type the passphrase when asked)
// README "Backups" describes the file and how to test a restore.
import { BackupError } from '../src/lib/server/backup/container';
import { makeBackup } from '../src/lib/server/backup/run';

const [file] = process.argv.slice(2).filter((a) => a !== '--');
if (!file) {
	console.error('Usage: npm run backup -- <file>');
	process.exit(2);
}
try {
	const summary = await makeBackup(file);
	console.log(
		`Backup written to ${file}: ${summary.reports} reports, ${summary.auditEvents} audit events.`
	);
	console.log('Keep it offline, away from this server, and its passphrase apart from it.');
} catch (e) {
	console.error(e instanceof BackupError ? e.message : `Backup failed: ${(e as Error).message}`);
	process.exitCode = 1;
}
