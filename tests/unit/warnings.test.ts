import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { signRecord, type DeviationRecord } from '../../src/lib/crypto/signed-record';
import { getSodium } from '../../src/lib/crypto/sodium';
import { checkCandidates, WarningContentSchema } from '../../src/lib/report/warning';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import { recordDeviation } from '../../src/lib/server/deviations/record';
import { DomainError } from '../../src/lib/server/errors';
import {
	checkBulletinPassphrase,
	isReading,
	setBulletinPassphrase,
	startReading
} from '../../src/lib/server/warnings/bulletin-access';
import {
	createWarning,
	editWarning,
	publishWarning,
	retractWarning
} from '../../src/lib/server/warnings/compose';
import { atomFeed } from '../../src/lib/server/warnings/feed';
import { createFeedKey, revokeFeedKey, useFeedKey } from '../../src/lib/server/warnings/feed-keys';
import { listBulletin, matchIdentifiers, toPublished } from '../../src/lib/server/warnings/store';
import { draftFromReport, contentFromDraft } from '../../src/lib/staff/warnings/draft';
import { freshDb } from './support/db';
import { insertQueueReport } from './support/reports';
import { insertStaff } from './support/staff';

const content = (over: Record<string, unknown> = {}) =>
	v.parse(WarningContentSchema, {
		area: 'gloucester',
		month: '2026-11',
		types: ['physical_assault'],
		title: 'Violent man, silver Ford',
		body: 'Became violent and took the money back.',
		description: 'Tall, grey beard.',
		identifiers: [
			{ kind: 'phone', value: '07700 900123', label: '' },
			{ kind: 'vehicle', value: 'ab12 cde', label: 'Silver Ford Focus' }
		],
		expires_on: '',
		source_note: '',
		...over
	});

async function setup() {
	const sodium = await getSodium();
	const { db } = await freshDb();
	const keys = sodium.crypto_sign_keypair();
	const staff = await insertStaff(db, { id: 'rev-1', username: 'rev-1', sign_pk: keys.publicKey });
	const now = new Date().toISOString();
	await insertQueueReport(db, { ref: 'SR-YES0-0001', createdAt: now });
	await insertQueueReport(db, { ref: 'SR-NO00-0002', createdAt: now, warn: false });
	await db
		.updateTable('reports')
		.set({ envelope_json: JSON.stringify({ warn: true }) })
		.where('ref', '=', 'SR-YES0-0001')
		.execute();
	await db
		.updateTable('reports')
		.set({ envelope_json: JSON.stringify({ warn: false }) })
		.where('ref', '=', 'SR-NO00-0002')
		.execute();
	const deviate = async (reportRef: string) => {
		const record: DeviationRecord = {
			v: 1,
			kind: 'policy_deviation',
			staff_id: 'rev-1',
			at: new Date().toISOString(),
			report_ref: reportRef,
			text: 'Three workers hurt by the same man this month; the risk to others outweighs it.'
		};
		return (
			await recordDeviation(db, staff, {
				record,
				signature: signRecord(sodium, record, keys.privateKey)
			})
		).id;
	};
	const failure = (p: Promise<unknown>) =>
		p.then(
			() => null,
			(e) => (e instanceof DomainError ? e.code : e)
		);
	return { db, staff, deviate, failure };
}

describe('warnings: consent is enforced on the server', () => {
	it('publishes with consent; refuses without it until a verified deviation for that report is attached', async () => {
		const { db, staff, deviate, failure } = await setup();
		const yes = await createWarning(db, staff, { report_ref: 'SR-YES0-0001', content: content() });
		expect(await publishWarning(db, staff, yes.id, null)).toEqual({ deviation_id: null });

		const no = await createWarning(db, staff, { report_ref: 'SR-NO00-0002', content: content() });
		expect(await failure(publishWarning(db, staff, no.id, null))).toBe('no_consent');
		// A deviation about another report does not count.
		const elsewhere = await deviate('SR-YES0-0001');
		expect(await failure(publishWarning(db, staff, no.id, elsewhere))).toBe('deviation_mismatch');
		// A record whose text was changed after signing no longer verifies.
		const forged = await deviate('SR-NO00-0002');
		await db
			.updateTable('deviations')
			.set({ record_json: '{"changed":true}' })
			.where('id', '=', forged)
			.execute();
		expect(await failure(publishWarning(db, staff, no.id, forged))).toBe('deviation_unverified');
		const status = async () =>
			(await db.selectFrom('warnings').select('status').where('id', '=', no.id).executeTakeFirst())
				?.status;
		expect(await status()).toBe('draft');

		const good = await deviate('SR-NO00-0002');
		expect(await publishWarning(db, staff, no.id, good)).toEqual({ deviation_id: good });
		expect(await status()).toBe('published');

		const actions = (
			await db.selectFrom('audit_events').select('action').orderBy('seq').execute()
		).map((a) => a.action);
		expect(actions.filter((a) => a.startsWith('warning.publish'))).toEqual([
			'warning.published',
			'warning.publish_refused',
			'warning.publish_refused',
			'warning.publish_refused',
			'warning.published'
		]);
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('a published edit keeps the earlier version; after consent is withdrawn it is refused', async () => {
		const { db, staff, failure } = await setup();
		const { id } = await createWarning(db, staff, {
			report_ref: 'SR-YES0-0001',
			content: content()
		});
		expect(await editWarning(db, staff, id, content({ title: 'Draft edit' }))).toEqual({
			version: 1
		});
		await publishWarning(db, staff, id, null);
		expect(await editWarning(db, staff, id, content({ title: 'Second' }))).toEqual({ version: 2 });
		const kept = await db.selectFrom('warning_versions').selectAll().execute();
		expect(kept.map((k) => [k.version, JSON.parse(k.content_json).title])).toEqual([
			[1, 'Draft edit']
		]);
		await db
			.updateTable('reports')
			.set({ consent_warn: 0 })
			.where('ref', '=', 'SR-YES0-0001')
			.execute();
		expect(await failure(editWarning(db, staff, id, content({ title: 'Third' })))).toBe(
			'no_consent'
		);
		await retractWarning(db, staff, id);
		expect(await failure(editWarning(db, staff, id, content()))).toBe('retracted');
	});
});

describe('warnings: bulletin, check and expiry', () => {
	it('shows only published, unexpired warnings, and matches what readers type', async () => {
		const { db, staff } = await setup();
		const live = await createWarning(db, staff, { report_ref: null, content: content() });
		await publishWarning(db, staff, live.id, null);
		const expired = await createWarning(db, staff, {
			report_ref: null,
			content: content({ expires_on: '2020-01-31', title: 'Old' })
		});
		await publishWarning(db, staff, expired.id, null);
		await createWarning(db, staff, { report_ref: null, content: content({ title: 'Draft' }) });
		const all = { area: '', type: '', period: 'all' } as const;
		expect((await listBulletin(db, all)).map((w) => w.title)).toEqual(['Violent man, silver Ford']);
		expect(await listBulletin(db, { ...all, area: 'stroud' })).toEqual([]);
		expect(await listBulletin(db, { ...all, type: 'robbery' })).toEqual([]);
		for (const typed of ['07700 900123', '+447700900123', '7700-900-123', 'ab12 cde', 'AB12CDE']) {
			expect(await matchIdentifiers(db, checkCandidates(typed)), typed).toHaveLength(1);
		}
		expect(await matchIdentifiers(db, checkCandidates('07700 900124'))).toEqual([]);
		await retractWarning(db, staff, live.id);
		expect(await matchIdentifiers(db, checkCandidates('07700 900123'))).toEqual([]);
	});

	it('reads what people type into the check as every kind it could be', () => {
		expect(checkCandidates('07700 900123')).toContainEqual({
			kind: 'phone',
			value: '+447700900123'
		});
		expect(checkCandidates('@Handle')).toContainEqual({ kind: 'handle', value: 'handle' });
		expect(checkCandidates('X@Y.org')).toContainEqual({ kind: 'email', value: 'x@y.org' });
		expect(checkCandidates('ab12 cde')).toContainEqual({ kind: 'vehicle', value: 'AB12CDE' });
		expect(checkCandidates('   ')).toEqual([]);
	});

	it('a passphrase rotation ends every reading token', async () => {
		const { db, staff } = await setup();
		await setBulletinPassphrase(db, staff, 'first bulletin words');
		const token = await startReading(db, true);
		expect(await isReading(db, token)).toBe(true);
		expect(await checkBulletinPassphrase(db, 'first bulletin words')).toBe(true);
		await setBulletinPassphrase(db, staff, 'second bulletin words');
		expect(await isReading(db, token)).toBe(false);
		expect(await checkBulletinPassphrase(db, 'first bulletin words')).toBe(false);
		expect(await isReading(db, 'not a token')).toBe(false);
	});
});

describe('warnings: the partner feed', () => {
	it('feed keys: unknown and malformed are "unknown", revoked is "revoked"', async () => {
		const { db, staff } = await setup();
		const { id, key } = await createFeedKey(db, staff, 'Riverside Outreach');
		expect(await useFeedKey(db, key)).toBe('ok');
		expect(await useFeedKey(db, key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBe(
			'unknown'
		);
		expect(await useFeedKey(db, '')).toBe('unknown');
		expect(await useFeedKey(db, 'x'.repeat(10_000))).toBe('unknown');
		await revokeFeedKey(db, staff, id);
		expect(await useFeedKey(db, key)).toBe('revoked');
	});

	it('stays valid Atom whatever hostile text a warning holds', async () => {
		const { db, staff } = await setup();
		const hostile = 'He said <script>alert("x")</script> & ]]> \u0001\u0008 “quotes” \'';
		const { id } = await createWarning(db, staff, {
			report_ref: null,
			content: content({ title: hostile, body: hostile, description: hostile })
		});
		await publishWarning(db, staff, id, null);
		const row = await db.selectFrom('warnings').selectAll().executeTakeFirstOrThrow();
		const xml = atomFeed('http://portal.example', [toPublished(row)], new Date().toISOString());
		expect(XMLValidator.validate(xml)).toBe(true);
		const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
		expect(doc.feed.entry.title).toBe(hostile.replaceAll('\u0001', '').replaceAll('\u0008', ''));
		expect(xml).not.toContain('<script>');
	});
});

describe('warnings: the editor is filled from the decrypted report', () => {
	it('takes area, month, types, a shortened account and every identifier, each ticked', () => {
		const draft = draftFromReport(
			{ types: ['robbery', 'nonsense'], area: 'stroud', month: '2026-10' },
			{
				incident: { narrative: 'A. '.repeat(400), date: '2026-10-03', location: '1 High St' },
				offender: {
					age_range: '30s',
					appearance: 'Short',
					phones: ['07700 900123'],
					emails: [],
					handles: ['@Bad'],
					vehicles: [{ make: 'Ford', model: 'Ka', colour: 'Red', registration: 'xy19 abc' }]
				}
			}
		);
		expect(draft).toMatchObject({ area: 'stroud', month: '2026-10', types: ['robbery'] });
		expect(draft.body.length).toBeLessThanOrEqual(600);
		expect(JSON.stringify(draft)).not.toContain('High St');
		expect(JSON.stringify(draft)).not.toContain('2026-10-03');
		expect(draft.description).toBe('Age: 30s. Short.');
		expect(draft.identifiers.map((i) => [i.kind, i.value, i.include])).toEqual([
			['phone', '07700 900123', true],
			['handle', '@Bad', true],
			['vehicle', 'xy19 abc', true]
		]);
		draft.identifiers[1].include = false;
		expect(contentFromDraft(draft).content.identifiers.map((i) => i.kind)).toEqual([
			'phone',
			'vehicle'
		]);
	});
});
