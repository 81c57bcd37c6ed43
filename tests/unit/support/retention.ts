import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import * as v from 'valibot';
import { toBase64url } from '../../../src/lib/crypto/encoding';
import { sealMessage, sealNote } from '../../../src/lib/crypto/message-box';
import { signRecord, type DeviationRecord } from '../../../src/lib/crypto/signed-record';
import { getSodium } from '../../../src/lib/crypto/sodium';
import { WarningContentSchema } from '../../../src/lib/report/warning';
import type { Db } from '../../../src/lib/server/db';
import type { Staff } from '../../../src/lib/server/db/schema';
import { isPostgres } from '../../../src/lib/server/db/engine';
import { recordDeviation } from '../../../src/lib/server/deviations/record';
import { storeLinks } from '../../../src/lib/server/triage/links';
import { TriageSchema } from '../../../src/lib/server/triage/schemas';
import { addNote, addUnitMessage, applyTriage } from '../../../src/lib/server/triage/triage';
import { createWarning } from '../../../src/lib/server/warnings/compose';

/** Helpers for the retention tests: a report's life on the unit's side, and raw file scans. */

const b64 = (bytes: Uint8Array) => toBase64url(new Uint8Array(bytes));

export const warningContent = () =>
	v.parse(WarningContentSchema, {
		area: 'gloucester',
		month: '2026-11',
		types: ['physical_assault'],
		title: 'Violent man, silver Ford',
		body: 'Became violent and took the money back.',
		description: 'Tall, grey beard.',
		identifiers: [{ kind: 'phone', value: '07700 900123', label: '' }],
		expires_on: '',
		source_note: ''
	});

/** Everything the unit adds to a report through its own code paths: a note, a message to the
 * reporter, a blind index, a warning draft and a signed deviation record. */
export async function workOnReport(
	db: Db,
	staff: Staff,
	signKey: Uint8Array,
	unitPublicKey: Uint8Array,
	report: { ref: string; reporter_pk: Uint8Array }
) {
	const sodium = await getSodium();
	const note = sealNote(sodium, {
		reportRef: report.ref,
		body: { v: 1, text: 'Called outreach.' },
		unitPublicKey
	});
	await addNote(db, staff, report.ref, {
		nonce: b64(note.nonce),
		ciphertext: b64(note.ciphertext),
		key_for_unit: b64(note.keyForUnit)
	});
	const message = sealMessage(sodium, {
		reportRef: report.ref,
		direction: 'to_reporter',
		body: { v: 1, kind: 'reply', text: 'Thank you for telling us.', files: [] },
		unitPublicKey,
		reporterPublicKey: new Uint8Array(report.reporter_pk)
	});
	await addUnitMessage(db, staff, report.ref, {
		nonce: b64(message.nonce),
		ciphertext: b64(message.ciphertext),
		key_for_unit: b64(message.keyForUnit),
		key_for_reporter: b64(message.keyForReporter)
	});
	await storeLinks(db, staff, report.ref, [b64(sodium.randombytes_buf(16))]);
	await createWarning(db, staff, { report_ref: report.ref, content: warningContent() });
	const record: DeviationRecord = {
		v: 1,
		kind: 'policy_deviation',
		staff_id: staff.id,
		at: new Date().toISOString(),
		report_ref: report.ref,
		text: 'Warned other workers against her wish: the risk to others outweighs it.'
	};
	await recordDeviation(db, staff, { record, signature: signRecord(sodium, record, signKey) });
}

export async function closeReport(db: Db, staff: Staff, ref: string, team: string) {
	await applyTriage(
		db,
		staff,
		ref,
		v.parse(TriageSchema, {
			team,
			status: 'closed',
			outcome: 'nfa',
			assignee_id: null,
			grade: null,
			thrive: null,
			rationale: null,
			reporter_message: null
		})
	);
}

/** Distinctive runs of a report's stored bytes: its ciphertext and keys, every file, message,
 * note and blind index. Each run is long enough never to occur by chance. */
export async function storedRuns(
	db: Db,
	reportId: string,
	label: string
): Promise<Record<string, Buffer>> {
	const middle = (bytes: Uint8Array) => {
		const buf = Buffer.from(bytes);
		const at = Math.max(0, Math.floor(buf.length / 2) - 12);
		return buf.subarray(at, at + Math.min(24, buf.length));
	};
	const runs: Record<string, Buffer> = {};
	const report = await db
		.selectFrom('reports')
		.selectAll()
		.where('id', '=', reportId)
		.executeTakeFirstOrThrow();
	runs['report ciphertext'] = middle(report.ciphertext);
	runs['report key_for_unit'] = middle(report.key_for_unit);
	runs['report lookup_hash'] = middle(report.lookup_hash);
	const tables = ['attachments', 'messages', 'notes'] as const;
	for (const table of tables) {
		const rows = await db
			.selectFrom(table)
			.select(['id', 'ciphertext'])
			.where('report_id', '=', reportId)
			.execute();
		for (const row of rows) {
			runs[`${table} ${row.id}`] = middle(row.ciphertext);
		}
	}
	const links = await db
		.selectFrom('report_links')
		.select('index_value')
		.where('report_id', '=', reportId)
		.execute();
	links.forEach((l, i) => (runs[`link ${i}`] = Buffer.from(l.index_value)));
	runs['report id'] = Buffer.from(reportId, 'utf8');
	return Object.fromEntries(Object.entries(runs).map(([name, run]) => [`${label}: ${name}`, run]));
}

const fileBytes = (path: string) => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0));

/** Which of the runs are in the database file, and which in its write-ahead log, byte for byte. */
export function scanFiles(dbPath: string, runs: Record<string, Buffer>) {
	const db = fileBytes(dbPath);
	const wal = fileBytes(`${dbPath}-wal`);
	const found = (buf: Buffer) =>
		Object.entries(runs)
			.filter(([, run]) => buf.indexOf(run) !== -1)
			.map(([name]) => name)
			.sort();
	return { db: found(db), wal: found(wal), walBytes: wal.length };
}

/** Copies every committed page into the database file without truncating the log. */
export const checkpointPassive = (db: Db) => sql`pragma wal_checkpoint(PASSIVE)`.execute(db);

/** Every (table, column) with a foreign key to the reports table, read from the schema itself, so
 * a table added later is covered without anyone listing it here. */
export async function reportReferences(db: Db): Promise<{ table: string; column: string }[]> {
	if (isPostgres(db)) {
		const { rows } = await sql<{ table: string; column: string }>`
			select kcu.table_name as "table", kcu.column_name as "column"
			from information_schema.referential_constraints rc
			join information_schema.key_column_usage kcu
				on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
			join information_schema.constraint_column_usage ccu
				on ccu.constraint_name = rc.constraint_name and ccu.constraint_schema = rc.constraint_schema
			where rc.constraint_schema = current_schema() and ccu.table_name = 'reports'`.execute(db);
		return rows;
	}
	const tables = await sql<{
		name: string;
	}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
	const out: { table: string; column: string }[] = [];
	for (const { name } of tables.rows) {
		const keys = await sql<{
			table: string;
			from: string;
		}>`select * from pragma_foreign_key_list(${name})`.execute(db);
		for (const key of keys.rows) {
			if (key.table === 'reports') {
				out.push({ table: name, column: key.from });
			}
		}
	}
	return out;
}

export async function rowsReferring(db: Db, ids: string[]) {
	const out: Record<string, number> = {};
	for (const { table, column } of await reportReferences(db)) {
		const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}
			where ${sql.ref(column)} in (${sql.join(ids)})`.execute(db);
		out[`${table}.${column}`] = Number(rows[0].n);
	}
	return out;
}
