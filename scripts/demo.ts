// A throwaway demo portal: `npm run demo [-- --port 4000 --reports 40]`.
// Temp data folder, production build, a demo admin and reviewer (credentials printed below), made-up
// reports sealed to the demo unit key, and a DEMO banner on every page. Ctrl-C removes it all.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale } from './build-if-stale.js';
import { freePort, portalEnv, SERVER_ENTRY, waitUntilUp } from './local-portal.js';
import { toBase64url } from '../src/lib/crypto/encoding';
import { formatReportCode } from '../src/lib/crypto/report-code';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { populateDemo } from '../src/lib/server/demo/portal';
import type { WorkedCase } from '../src/lib/server/demo/cases';
import type { MadeMember } from '../src/lib/server/demo/staff';

const { values } = parseArgs({
	options: { port: { type: 'string' }, reports: { type: 'string', default: '40' } }
});
const reports = Number(values.reports);
const wantedPort = Number(values.port ?? process.env.PORT ?? 0);
if (!Number.isInteger(reports) || reports < 0 || reports > 10_000) {
	console.error('--reports must be a whole number from 0 to 10000');
	process.exit(2);
}
if (!Number.isInteger(wantedPort) || wantedPort < 0 || wantedPort > 65535) {
	console.error('--port must be a port number');
	process.exit(2);
}

// Build first: a Ctrl-C during the build then leaves no data folder behind.
buildIfStale();
const dataDir = mkdtempSync(join(tmpdir(), 'safereport-demo-'));
const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
const dbPath = join(dataDir, 'portal.sqlite');
const serverSecret = new Uint8Array(randomBytes(32));

// Ctrl-C while the demo data is being made still removes the folder.
const abandon = () => {
	cleanUp();
	process.exit(130);
};
process.once('SIGINT', abandon);
process.once('SIGTERM', abandon);

let people: { admin: MadeMember; reviewer: MadeMember; cases: WorkedCase[] };
let port: number;
try {
	port = await freePort(wantedPort);
	const db = openDatabase(dbPath);
	try {
		await migrateToLatest(db);
		console.log(`Making the demo staff, ${reports} synthetic reports and a few worked cases…`);
		people = await populateDemo(db, reports, serverSecret);
	} finally {
		await db.destroy();
	}
} catch (err) {
	cleanUp();
	throw err;
}

const url = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [SERVER_ENTRY], {
	env: portalEnv(port, dbPath, { DEMO: '1', SERVER_SECRET: toBase64url(serverSecret) }),
	stdio: 'inherit'
});
const stop = () => {
	server.kill('SIGTERM');
};
process.off('SIGINT', abandon);
process.off('SIGTERM', abandon);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
	cleanUp();
	console.log('The demo portal has stopped and its data was deleted.');
	process.exit(code ?? 0);
});

if (!(await waitUntilUp(url, server, 30_000))) {
	console.error('The demo portal did not start.');
	stop();
}

const describe = (who: MadeMember) =>
	[
		`  username:    ${who.username}`,
		`  passphrase:  ${who.passphrase}`,
		`  TOTP secret: ${who.totpSecret}`,
		`  otpauth URI: ${who.totpUri}`
	].join('\n');
console.log(`
DEMO portal (fictional data only) at ${url}
Staff sign-in: ${url}/staff/login

Admin
${describe(people.admin)}

Reviewer
${describe(people.reviewer)}

Worked cases, to see what a case looks like (a report code opens the reporter's side at
${url}/status):
${people.cases.map((c) => `  ${c.ref}  ${c.story}\n           report code ${formatReportCode(c.code)}`).join('\n')}

Add the TOTP secret to an authenticator app (or open the otpauth URI). Press Ctrl-C to stop;
the temporary data folder is deleted.
`);
