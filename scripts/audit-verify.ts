// Verifies the audit hash chain, every signed record and every line manager's countersignature.
//   npm run audit:verify                         -> `OK <n> events`, or the first broken seq (exit 1)
//   npm run audit:verify -- --checkpoint <file>  -> also checks a signed checkpoint an admin kept
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { databaseUrl } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { verifyCheckpoint, type CheckpointFile } from '../src/lib/server/audit/checkpoint';
import {
	verifyCountersignatures,
	verifyDeviationSignatures
} from '../src/lib/server/audit/signatures';
import { verifyAuditChain } from '../src/lib/server/audit/verify';

const { values } = parseArgs({ options: { checkpoint: { type: 'string' } } });
const db = openDatabase(databaseUrl());
let failed = false;
try {
	const chain = await verifyAuditChain(db);
	if (chain.ok) {
		console.log(`OK ${chain.count} events`);
	} else {
		console.log(
			`BROKEN at seq ${chain.brokenSeq}: ${chain.reason} (${chain.count} events verified before it)`
		);
		failed = true;
	}
	const signatures = await verifyDeviationSignatures(db);
	if (!signatures.ok) {
		console.log(`BAD SIGNATURE on deviation record ${signatures.badId}`);
		failed = true;
	} else if (signatures.count > 0) {
		console.log(`OK ${signatures.count} signed records`);
	}
	const countersignatures = await verifyCountersignatures(db);
	if (!countersignatures.ok) {
		console.log(
			'missing' in countersignatures
				? `MISSING COUNTERSIGNATURE on deviation record ${countersignatures.badId}: the audit log records its acknowledgement, the database no longer holds it`
				: `BAD COUNTERSIGNATURE on the acknowledgement of deviation record ${countersignatures.badId}`
		);
		failed = true;
	} else if (countersignatures.count > 0) {
		console.log(`OK ${countersignatures.count} countersignatures`);
	}
	if (values.checkpoint) {
		let file: CheckpointFile;
		try {
			file = JSON.parse(readFileSync(values.checkpoint, 'utf8'));
		} catch {
			file = {} as CheckpointFile;
		}
		const verdict = await verifyCheckpoint(db, file);
		if (verdict.ok) {
			console.log(`OK checkpoint at seq ${file.head_seq}`);
		} else {
			console.log(`CHECKPOINT FAILED: ${verdict.reason}`);
			failed = true;
		}
	}
} finally {
	await db.destroy();
}
if (failed) {
	process.exitCode = 1;
}
