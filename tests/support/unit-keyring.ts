import Database from 'better-sqlite3';
import { fromBase64url, fromUtf8 } from '../../src/lib/crypto/encoding';
import { decryptFile } from '../../src/lib/crypto/file-stream';
import { createKeyring, unitKeyPair, type UnitKeyring } from '../../src/lib/crypto/keyring';
import {
	messageAd,
	openPadded,
	sealMessage,
	type Direction
} from '../../src/lib/crypto/message-box';
import { openReport, openSealedKey } from '../../src/lib/crypto/report-box';
import { getSodium, type Sodium } from '../../src/lib/crypto/sodium';

/**
 * Tests only: stands in for the staff side. Creates a unit keyring, registers its public key in a
 * portal's database (as first-run setup will), and opens what the portal stored with it, so the
 * reporter's side can be proved end to end.
 */
export interface TestUnit {
	keyring: UnitKeyring;
	publicKey: Uint8Array;
	id: string;
}

export async function installUnitKey(dbPath: string): Promise<TestUnit> {
	const sodium = await getSodium();
	const { keyring, publicKey } = createKeyring(sodium);
	const id = keyring.keys[0].id;
	const db = new Database(dbPath);
	try {
		db.prepare(
			'insert into unit_keys (id, public_key, created_at, created_by, retired_at) values (?, ?, ?, null, null)'
		).run(id, Buffer.from(publicKey), new Date().toISOString());
	} finally {
		db.close();
	}
	return { keyring, publicKey, id };
}

export interface StoredReport {
	id: string;
	ref: string;
	unit_key_id: string;
	envelope_json: string;
	nonce: Buffer;
	ciphertext: Buffer;
	key_for_unit: Buffer;
	sealed_by: string;
	team: string;
	status: string;
	safeguarding: number;
	priority: number;
}

export function readReports(dbPath: string): StoredReport[] {
	const db = new Database(dbPath, { readonly: true });
	try {
		return db.prepare('select * from reports order by created_at').all() as StoredReport[];
	} finally {
		db.close();
	}
}

export function readAttachments(dbPath: string, reportId: string, messageId: string | null = null) {
	const db = new Database(dbPath, { readonly: true });
	try {
		return db
			.prepare(
				`select idx, ciphertext, size from attachments where report_id = ? and message_id ${messageId ? '= ?' : 'is null'} order by idx`
			)
			.all(...(messageId ? [reportId, messageId] : [reportId])) as {
			idx: number;
			ciphertext: Buffer;
			size: number;
		}[];
	} finally {
		db.close();
	}
}

/** Opens a report's or a message's sealed key with the unit keyring. */
export function openKeyForUnit(
	sodium: Sodium,
	keyring: UnitKeyring,
	unitKeyId: string,
	keyForUnit: Uint8Array
): Uint8Array {
	const pair = unitKeyPair(sodium, keyring, unitKeyId);
	if (!pair) {
		throw new Error('sealed to a key this keyring lacks');
	}
	return openSealedKey(sodium, new Uint8Array(keyForUnit), pair.publicKey, pair.privateKey);
}

/** Opens a stored report row's body and returns its key too, for the files. Throws if anything
 * was altered (the envelope is bound into the associated data). */
export function openReportRow(
	sodium: Sodium,
	keyring: UnitKeyring,
	row: {
		unit_key_id: string;
		envelope_json: string;
		key_for_unit: Uint8Array;
		nonce: Uint8Array;
		ciphertext: Uint8Array;
	}
) {
	const key = openKeyForUnit(sodium, keyring, row.unit_key_id, row.key_for_unit);
	const envelope = JSON.parse(row.envelope_json) as Record<string, unknown>;
	const body = openReport(sodium, {
		key,
		nonce: new Uint8Array(row.nonce),
		ciphertext: new Uint8Array(row.ciphertext),
		unitKeyId: row.unit_key_id,
		envelope
	});
	return { key, envelope, body };
}

/** Opens a stored report as the unit would: envelope, body and files. */
export async function openStoredReport(dbPath: string, unit: TestUnit, report: StoredReport) {
	const sodium = await getSodium();
	const { key, envelope, body } = openReportRow(sodium, unit.keyring, report);
	const files = readAttachments(dbPath, report.id).map((a) =>
		decryptFile(sodium, key, a.idx, 'rptfile1', new Uint8Array(a.ciphertext))
	);
	return { envelope, body, files };
}

/** Opens every message of a report with the unit key. */
export async function openStoredMessages(dbPath: string, unit: TestUnit, report: StoredReport) {
	const sodium = await getSodium();
	const db = new Database(dbPath, { readonly: true });
	const rows = db
		.prepare('select * from messages where report_id = ? order by seq')
		.all(report.id) as {
		id: string;
		direction: Direction;
		nonce: Buffer;
		ciphertext: Buffer;
		key_for_unit: Buffer;
	}[];
	db.close();
	return rows.map((m) => {
		const key = openKeyForUnit(sodium, unit.keyring, unit.id, m.key_for_unit);
		const body = openPadded(sodium, {
			key,
			nonce: new Uint8Array(m.nonce),
			ciphertext: new Uint8Array(m.ciphertext),
			ad: messageAd(report.ref, m.direction)
		});
		const files = readAttachments(dbPath, report.id, m.id).map((a) =>
			decryptFile(sodium, key, a.idx, 'msgfile1', new Uint8Array(a.ciphertext))
		);
		return { direction: m.direction, body, files };
	});
}

export { fromBase64url, fromUtf8 };

/** Writes a message from the team to the reporter, as the staff workbench will. */
export async function sendUnitMessage(
	dbPath: string,
	unit: TestUnit,
	reportRef: string,
	text: string
) {
	const sodium = await getSodium();
	const db = new Database(dbPath);
	try {
		const report = db
			.prepare('select id, reporter_pk from reports where ref = ?')
			.get(reportRef) as {
			id: string;
			reporter_pk: Buffer;
		};
		const sealed = sealMessage(sodium, {
			reportRef,
			direction: 'to_reporter',
			body: { v: 1, kind: 'message', text, files: [] },
			unitPublicKey: unit.publicKey,
			reporterPublicKey: new Uint8Array(report.reporter_pk)
		});
		db.prepare(
			`insert into messages (id, report_id, seq, direction, author_id, created_at, nonce, ciphertext, key_for_unit, key_for_reporter, read_at)
			 values (?, ?, (select coalesce(max(seq), 0) + 1 from messages), 'to_reporter', null, ?, ?, ?, ?, ?, null)`
		).run(
			crypto.randomUUID(),
			report.id,
			new Date().toISOString(),
			Buffer.from(sealed.nonce),
			Buffer.from(sealed.ciphertext),
			Buffer.from(sealed.keyForUnit),
			Buffer.from(sealed.keyForReporter)
		);
	} finally {
		db.close();
	}
}
