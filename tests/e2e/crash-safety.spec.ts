import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/connect';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import { spawnGroup, stopGroup } from '../support/process-group';
import { installUnitKey } from '../support/unit-keyring';
import { openStoredReport, readReports } from '../support/unit-keyring';
import { startPortal, type Portal } from './support/portal';

/**
 * An acknowledged report is never lost and a half-written one never appears. A second process
 * streams sealed reports (some with files) at the built server; the server is killed with SIGKILL
 * half-way through, restarted on the same database, and the load runs on to its end. Then every
 * report that got a 201 must be there and open with the unit's key, files included; nothing may
 * exist without its report; and the audit chain must verify.
 *
 * CI sends 500; CRASH_SUBMISSIONS=5000 sends more (see the README).
 */
const TOTAL = Number(process.env.CRASH_SUBMISSIONS ?? 500);
const WORKERS = 6;
const TSX = join('node_modules', '.bin', 'tsx');

test.describe.configure({ timeout: Math.max(300_000, TOTAL * 600) });

let portal: Portal | undefined;
let load: ChildProcess | undefined;
let work: string | undefined;
test.afterAll(async () => {
	await stopGroup(load);
	await portal?.close();
	if (work) {
		rmSync(work, { recursive: true, force: true });
	}
});

interface Ack {
	ref: string;
	narrative: string;
	fileHashes: string[];
}
const readAcks = (file: string): Ack[] =>
	existsSync(file)
		? readFileSync(file, 'utf8')
				.split('\n')
				.filter(Boolean)
				.map((line) => {
					const [ref, , narrative, hashes] = line.split('\t');
					return { ref, narrative, fileHashes: hashes ? hashes.split(',') : [] };
				})
		: [];

/** Rows that belong to a report but whose report is not there. */
const ORPHANS = {
	attachments:
		'select count(*) as n from attachments a left join reports r on r.id = a.report_id where r.id is null',
	'attachments of messages':
		'select count(*) as n from attachments a left join messages m on m.id = a.message_id where a.message_id is not null and m.id is null',
	messages:
		'select count(*) as n from messages m left join reports r on r.id = m.report_id where r.id is null',
	notes:
		'select count(*) as n from notes x left join reports r on r.id = x.report_id where r.id is null',
	report_types:
		'select count(*) as n from report_types x left join reports r on r.id = x.report_id where r.id is null',
	report_links:
		'select count(*) as n from report_links x left join reports r on r.id = x.report_id where r.id is null',
	'audit lines of missing reports': `select count(*) as n from audit_events e left join reports r on r.ref = e.subject
		where e.action = 'report.received' and r.id is null`,
	'reports without their audit line': `select count(*) as n from reports r left join audit_events e
		on e.subject = r.ref and e.action = 'report.received' where e.seq is null`
};

test(`${TOTAL} reports streamed through a SIGKILL: every acknowledged one survives, nothing half-written appears`, async () => {
	work = mkdtempSync(join(tmpdir(), 'safereport-crash-'));
	const ackFile = join(work, 'acknowledged.tsv');
	portal = await startPortal({ POW_MAX: '10', RATE_LIMIT_FACTOR: '100000' });
	const unit = await installUnitKey(portal.dbPath);

	load = spawnGroup(
		TSX,
		['tests/support/crash-load.ts', portal.url, String(TOTAL), String(WORKERS), ackFile],
		{
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	let summary = '';
	load.stdout!.on('data', (d: Buffer) => (summary += d));
	const loadDone = new Promise<void>((resolve) => load!.once('close', () => resolve()));

	// Half-way, with requests in flight: the whole process group, no warning.
	await expect
		.poll(() => readAcks(ackFile).length, { timeout: TOTAL * 400, intervals: [20] })
		.toBeGreaterThanOrEqual(Math.floor(TOTAL / 2));
	await portal.crash();
	const ackedAtKill = readAcks(ackFile).length;
	await portal.restart();
	await loadDone;
	load = undefined;

	const figures = JSON.parse(summary.trim().split('\n').at(-1)!) as {
		sent: number;
		acknowledged: number;
		refused: number;
		unanswered: number;
	};
	const acks = readAcks(ackFile);
	const reports = readReports(portal.dbPath);
	console.log(
		`crash safety: ${figures.sent} submissions sent, ${figures.acknowledged} got a 201 ` +
			`(${ackedAtKill} before the kill), ${figures.unanswered} unanswered, ${figures.refused} refused; ` +
			`${reports.length} reports found after the kill`
	);
	expect(figures.sent).toBe(TOTAL);
	expect(acks.length).toBe(figures.acknowledged);
	// The load went on after the restart: the portal came back and took reports again.
	expect(acks.length).toBeGreaterThan(ackedAtKill);
	expect(figures.refused).toBe(0);

	// Every 201 is there and opens with the unit's key, its body and files as they were sent.
	const byRef = new Map(reports.map((r) => [r.ref, r]));
	expect(acks.filter((a) => !byRef.has(a.ref)).map((a) => a.ref)).toEqual([]);
	const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
	let withFiles = 0;
	for (const ack of acks) {
		const opened = await openStoredReport(portal.dbPath, unit, byRef.get(ack.ref)!);
		expect((opened.body as { narrative: string }).narrative, ack.ref).toBe(ack.narrative);
		expect(opened.files.map(sha256), ack.ref).toEqual(ack.fileHashes);
		withFiles += ack.fileHashes.length > 0 ? 1 : 0;
	}
	expect(withFiles).toBeGreaterThan(0);
	// A report stored but never acknowledged (its answer lost in the kill) is whole too.
	for (const report of reports) {
		const opened = await openStoredReport(portal.dbPath, unit, report);
		expect(opened.files.length, report.ref).toBe(opened.envelope.attachments);
	}

	const db = new Database(portal.dbPath, { readonly: true });
	try {
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(db.pragma('foreign_key_check')).toEqual([]);
		for (const [what, query] of Object.entries(ORPHANS)) {
			expect((db.prepare(query).get() as { n: number }).n, what).toBe(0);
		}
	} finally {
		db.close();
	}
	const kdb = openDatabase(portal.dbPath);
	try {
		const chain = await verifyAuditChain(kdb);
		expect(chain).toMatchObject({ ok: true });
	} finally {
		await kdb.destroy();
	}
});
