import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createKeyring } from '../../../src/lib/crypto/keyring';
import { toBase64url } from '../../../src/lib/crypto/encoding';
import { sealMessage } from '../../../src/lib/crypto/message-box';
import { deriveReporterSecrets, formatReportCode } from '../../../src/lib/crypto/report-code';
import { getSodium } from '../../../src/lib/crypto/sodium';
import { emptyDraft, type ReportDraft } from '../../../src/lib/report/form';
import type { Db } from '../../../src/lib/server/db';
import type { Report } from '../../../src/lib/server/db/schema';
import { insertReport } from '../../../src/lib/server/reports/store';
import { sealSyntheticReport } from '../../../src/lib/server/synthetic/seal';
import { freshDb } from './db';

/** A fresh unit keyring whose public key is stored as the unit's active key. */
export async function addUnitKey(db: Db) {
	const { keyring, publicKey } = createKeyring(await getSodium());
	const unit = { id: keyring.keys[0].id, publicKey, keyring };
	await db
		.insertInto('unit_keys')
		.values({
			id: unit.id,
			public_key: publicKey,
			created_at: new Date().toISOString(),
			created_by: null,
			retired_at: null
		})
		.execute();
	return unit;
}

/**
 * A portal database for the reporter's side, with a unit key. Route modules read DATABASE_URL
 * once (getDb), so a test file opens one portal and points the environment at it first.
 */
export async function reporterPortal() {
	const sodium = await getSodium();
	const { db, path } = await freshDb();
	process.env.DATABASE_URL = path;
	const unit = await addUnitKey(db);
	let seed = 0;
	return {
		db,
		path,
		unit,
		/** A report as a browser sends one, without files; its code and lookup come back too. */
		async addReport() {
			const { payload, code } = sealSyntheticReport(sodium, unit, ++seed);
			const { id } = await insertReport(db, payload, [], 'browser');
			const report = await db
				.selectFrom('reports')
				.selectAll()
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			const secrets = deriveReporterSecrets(sodium, code);
			return { report, code: formatReportCode(code), lookup: toBase64url(secrets.lookup) };
		},
		async close() {
			await db.destroy();
			rmSync(dirname(path), { recursive: true, force: true });
		}
	};
}

/** POST /api/v1/status/messages as a client sends it: a sealed reply and `sizes` file parts. */
export async function messageRequest(
	report: Report,
	lookup: string,
	unitPublicKey: Uint8Array,
	sizes: number[] = []
) {
	const sodium = await getSodium();
	const sealed = sealMessage(sodium, {
		reportRef: report.ref,
		direction: 'from_reporter',
		body: { v: 1, kind: 'reply', text: 'hello', files: [] },
		unitPublicKey,
		reporterPublicKey: new Uint8Array(report.reporter_pk)
	});
	const form = new FormData();
	form.append(
		'message',
		JSON.stringify({
			lookup,
			nonce: toBase64url(sealed.nonce),
			ciphertext: toBase64url(sealed.ciphertext),
			key_for_unit: toBase64url(sealed.keyForUnit),
			key_for_reporter: toBase64url(sealed.keyForReporter),
			attachments: sizes.length
		})
	);
	sizes.forEach((size, i) =>
		form.append(`attachment${i}`, new Blob([new Uint8Array(size).fill(7)]), `attachment${i}`)
	);
	return new Request('http://127.0.0.1/api/v1/status/messages', { method: 'POST', body: form });
}

/** The smallest report the no-JavaScript form accepts. */
export const minimalDraft = (): ReportDraft => ({
	...emptyDraft(),
	types: ['robbery'],
	area: 'gloucester',
	warn: 'no',
	police: 'none'
});

export const countRows = async (
	db: Db,
	table: 'messages' | 'attachments' | 'audit_events' | 'reports'
) =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);
