// Verifies the audit hash chain: prints `OK <n> events`, or the first broken seq and exits 1.
import { databaseUrl } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { verifyAuditChain } from '../src/lib/server/audit/verify';

const db = openDatabase(databaseUrl());
try {
	const verdict = await verifyAuditChain(db);
	if (verdict.ok) {
		console.log(`OK ${verdict.count} events`);
	} else {
		console.log(`BROKEN at seq ${verdict.brokenSeq}: ${verdict.reason} (${verdict.count} events verified before it)`);
		process.exitCode = 1;
	}
} finally {
	await db.destroy();
}
