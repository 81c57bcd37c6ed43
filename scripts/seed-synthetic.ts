// Adds genuinely encrypted synthetic reports to the portal's database, for demos and benchmarks.
//   npm run seed:synthetic -- <n>
// Every report is sealed to the current unit key, so setup must have happened first.
import { databaseUrl } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { NoUnitKeyError, seedSyntheticReports } from '../src/lib/server/demo/seed';

const MAX = 1_000_000;
const arg = process.argv.slice(2).find((a) => a !== '--');
const n = Number(arg);
if (!arg || !Number.isInteger(n) || n < 1 || n > MAX) {
	console.error(`Usage: npm run seed:synthetic -- <n>   (n from 1 to ${MAX})`);
	process.exit(2);
}

const db = openDatabase(databaseUrl());
try {
	await migrateToLatest(db);
	const started = performance.now();
	await seedSyntheticReports(db, n, (done) => console.log(`  ${done} of ${n}…`));
	const seconds = (performance.now() - started) / 1000;
	console.log(
		`Added ${n} synthetic ${n === 1 ? 'report' : 'reports'} in ${seconds.toFixed(1)} s ` +
			`(${((seconds * 1000) / n).toFixed(1)} ms each).`
	);
} catch (err) {
	if (err instanceof NoUnitKeyError) {
		console.error(err.message);
		process.exitCode = 1;
	} else {
		throw err;
	}
} finally {
	await db.destroy();
}
