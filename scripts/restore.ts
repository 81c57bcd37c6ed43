// Restores a backup made by `npm run backup` into the database DATABASE_URL names, and the server
// secret where the portal reads it. Stop the portal first.
//   BACKUP_PASSPHRASE=… npm run restore -- <file> [--force]
import { parseArgs } from 'node:util';
import { BackupError } from '../src/lib/server/backup/container';
import { restoreBackup } from '../src/lib/server/backup/run';

const { values, positionals } = parseArgs({
	options: { force: { type: 'boolean', default: false } },
	allowPositionals: true
});
const file = positionals.find((a) => a !== '--');
if (!file) {
	console.error('Usage: npm run restore -- <file> [--force]');
	process.exit(2);
}
try {
	const summary = await restoreBackup(file, { force: values.force });
	console.log(`Restored ${summary.reports} reports and ${summary.auditEvents} audit events.`);
	console.log('Next: npm run audit:verify, then start the portal.');
} catch (e) {
	console.error(e instanceof BackupError ? e.message : `Restore failed: ${(e as Error).message}`);
	process.exitCode = 1;
}
