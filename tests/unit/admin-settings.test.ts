import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { getSodium } from '../../src/lib/crypto/sodium';
import { openAreas, staffAreaLabel } from '../../src/lib/report/areas';
import { SupportContactSchema } from '../../src/lib/report/contacts';
import { emptyDraft, parseDraft } from '../../src/lib/report/form';
import { reviewSections } from '../../src/lib/report/review';
import type { Db } from '../../src/lib/server/db';
import { DomainError } from '../../src/lib/server/errors';
import { acceptSealedReport } from '../../src/lib/server/reports/submit';
import { changeArea, loadAreas } from '../../src/lib/server/settings/areas';
import { changeContacts, loadContacts } from '../../src/lib/server/settings/contacts';
import { loadPortalNames, savePortalNames } from '../../src/lib/server/settings/portal';
import { atomFeed } from '../../src/lib/server/warnings/feed';
import { sealSyntheticReport } from '../../src/lib/server/synthetic/seal';
import { insertReport } from '../../src/lib/server/reports/store';
import { addUnitKey } from './support/reporter';
import { freshDb } from './support/db';
import { insertStaff } from './support/staff';

const auditLines = (db: Db) =>
	db
		.selectFrom('audit_events')
		.select(['action', 'subject', 'actor_id', 'detail_json'])
		.orderBy('seq')
		.execute()
		.then((rows) => rows.map((r) => ({ ...r, detail: JSON.parse(r.detail_json) as unknown })));

async function adminDb() {
	const { db } = await freshDb();
	const admin = await insertStaff(db, { role: 'admin', username: 'ada.admin' });
	return { db, admin };
}

/** POST /api/v1/reports as its handler sees it; the area is checked before the proof of work. */
const submitForTest = (db: Db, payload: unknown) => {
	const form = new FormData();
	form.append('report', JSON.stringify(payload));
	return acceptSealedReport(db, form);
};

const refusal = async (work: Promise<unknown>) => {
	try {
		await work;
	} catch (e) {
		if (e instanceof DomainError) {
			return { status: e.status, code: e.code, field: e.field, message: e.message };
		}
		throw e;
	}
	throw new Error('expected a refusal');
};

describe('portal and unit names', () => {
	it('default to SafeReport, change when saved, and leave one audit line per name', async () => {
		const { db, admin } = await adminDb();
		expect((await loadPortalNames(db)).name).toBe('SafeReport');
		const changed = await savePortalNames(db, admin, {
			name: 'Safer Nights',
			unit: "the Constabulary's specialist team"
		});
		expect(changed).toEqual(['name', 'unit']);
		expect(await loadPortalNames(db)).toEqual({
			name: 'Safer Nights',
			unit: "the Constabulary's specialist team"
		});
		expect(await auditLines(db)).toMatchObject([
			{
				action: 'settings.change',
				subject: 'portal_name',
				actor_id: admin.id,
				detail: { setting: 'portal_name', old: 'SafeReport', new: 'Safer Nights' }
			},
			{ action: 'settings.change', subject: 'unit_name' }
		]);
		// Saving the same names again changes and records nothing.
		expect(await savePortalNames(db, admin, await loadPortalNames(db))).toEqual([]);
		expect(await auditLines(db)).toHaveLength(2);
	});

	it('name the partner feed', async () => {
		const { db, admin } = await adminDb();
		await savePortalNames(db, admin, { name: 'Safer Nights', unit: 'the Night Safety Unit' });
		const xml = atomFeed('http://portal.example', [], new Date().toISOString(), {
			portal: await loadPortalNames(db),
			areas: await loadAreas(db)
		});
		expect(xml).toContain('<title>Safer Nights warnings</title>');
		expect(xml).toContain('published by the Night Safety Unit');
		expect(xml).not.toContain('SafeReport');
	});
});

describe('areas', () => {
	it('a rename changes the label only: the code, the form and old reports follow it', async () => {
		const { db, admin } = await adminDb();
		await changeArea(db, admin, { kind: 'rename', code: 'stroud', label: 'Stroud and Nailsworth' });
		const areas = await loadAreas(db);
		expect(areas.find((a) => a.code === 'stroud')).toEqual({
			code: 'stroud',
			label: 'Stroud and Nailsworth',
			retired: false
		});
		// An old report's envelope still says "stroud": staff see the new name.
		expect(staffAreaLabel(areas, 'stroud')).toBe('Stroud and Nailsworth');
		const draft = { ...emptyDraft('2026-11'), types: ['robbery'], area: 'stroud' };
		const review = reviewSections({ ...draft, warn: 'no', police: 'none' }, [], areas);
		expect(review.find((s) => s.step === 'what')?.rows).toContainEqual([
			'Area',
			'Stroud and Nailsworth'
		]);
		expect((await auditLines(db)).at(-1)).toMatchObject({
			action: 'settings.change',
			subject: 'areas',
			detail: {
				setting: 'areas',
				change: 'rename',
				code: 'stroud',
				old: 'Stroud',
				new: 'Stroud and Nailsworth'
			}
		});
	});

	it('a retired area leaves the form, old reports keep it, and a new report naming it is refused', async () => {
		const { db, admin } = await adminDb();
		const unit = await addUnitKey(db);
		const sodium = await getSodium();
		const old = sealSyntheticReport(sodium, unit, 1);
		old.payload.envelope.area = 'tewkesbury';
		await insertReport(db, old.payload, [], 'browser');

		await changeArea(db, admin, { kind: 'retire', code: 'tewkesbury' });
		const areas = await loadAreas(db);
		expect(openAreas(areas).map((a) => a.code)).not.toContain('tewkesbury');
		expect(staffAreaLabel(areas, 'tewkesbury')).toBe('Tewkesbury (retired)');
		const stored = await db.selectFrom('reports').select(['area', 'envelope_json']).execute();
		expect(stored).toHaveLength(1);
		expect(stored[0].area).toBe('tewkesbury');
		expect(JSON.parse(stored[0].envelope_json).area).toBe('tewkesbury');

		// The form (browser and no-JavaScript post) says so at the field.
		const draft = {
			...emptyDraft('2026-11'),
			types: ['robbery'],
			area: 'tewkesbury',
			warn: 'no',
			police: 'none'
		};
		const parsed = parseDraft(draft, [], areas);
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.errors.area).toMatch(/Choose an area/);
		expect(parseDraft({ ...draft, area: 'stroud' }, [], areas).ok).toBe(true);

		// The JSON API refuses it with a 400 naming the field, and stores nothing.
		const sealed = sealSyntheticReport(sodium, unit, 2);
		sealed.payload.envelope.area = 'tewkesbury';
		expect(await refusal(submitForTest(db, sealed.payload))).toMatchObject({
			status: 400,
			code: 'retired_area',
			field: 'area'
		});
		sealed.payload.envelope.area = 'atlantis';
		expect(await refusal(submitForTest(db, sealed.payload))).toMatchObject({
			status: 400,
			code: 'unknown_area',
			field: 'area'
		});
		expect(await db.selectFrom('reports').select('id').execute()).toHaveLength(1);

		expect((await auditLines(db)).at(-1)).toMatchObject({
			action: 'settings.change',
			detail: { change: 'retire', code: 'tewkesbury', old: 'in use', new: 'retired' }
		});
		// Restored, it is offered again.
		await changeArea(db, admin, { kind: 'restore', code: 'tewkesbury' });
		expect(parseDraft(draft, [], await loadAreas(db)).ok).toBe(true);
	});

	it('a new area gets a stable code from its first name; duplicates and "I don\'t know" are refused', async () => {
		const { db, admin } = await adminDb();
		const bristol = await changeArea(db, admin, { kind: 'add', label: 'Bristol & Bath' });
		expect(bristol).toEqual({ code: 'bristol_bath', label: 'Bristol & Bath', retired: false });
		await changeArea(db, admin, { kind: 'rename', code: 'bristol_bath', label: 'Avon' });
		expect((await loadAreas(db)).find((a) => a.label === 'Avon')?.code).toBe('bristol_bath');
		expect(await refusal(changeArea(db, admin, { kind: 'add', label: 'avon' }))).toMatchObject({
			status: 409,
			field: 'label'
		});
		expect(await refusal(changeArea(db, admin, { kind: 'retire', code: 'unknown' }))).toMatchObject(
			{ status: 400 }
		);
		expect(
			await refusal(changeArea(db, admin, { kind: 'rename', code: 'nowhere', label: 'X' }))
		).toMatchObject({ status: 404 });
		// Refusals change nothing and write no audit line.
		expect((await auditLines(db)).map((l) => l.action)).toEqual([
			'settings.change',
			'settings.change'
		]);
	});
});

describe('support contacts', () => {
	const contact = {
		name: 'Night Bus Outreach',
		description: 'Hot drinks, condoms and a safe word on Friday and Saturday nights.',
		phone: '01452 500 600',
		url: 'https://nightbus.example.org'
	};

	it('added, edited and removed, each with the old and new contact in the audit line', async () => {
		const { db, admin } = await adminDb();
		const before = await loadContacts(db);
		await changeContacts(db, admin, { kind: 'add', contact });
		expect(await loadContacts(db)).toEqual([...before, contact]);
		const index = before.length;
		const edited = { ...contact, phone: '+44 1452 500 601' };
		await changeContacts(db, admin, { kind: 'update', index, contact: edited });
		await changeContacts(db, admin, { kind: 'up', index });
		expect((await loadContacts(db))[index - 1]).toEqual(edited);
		await changeContacts(db, admin, { kind: 'remove', index: index - 1 });
		expect(await loadContacts(db)).toEqual(before);
		expect(await auditLines(db)).toMatchObject([
			{ action: 'settings.change', detail: { change: 'add', old: null, new: contact } },
			{ detail: { change: 'update', old: contact, new: edited } },
			{ detail: { change: 'move_up', name: contact.name } },
			{ detail: { change: 'remove', old: edited, new: null } }
		]);
	});

	it('refuse a second contact of the same name, which the home page would list twice', async () => {
		const { db, admin } = await adminDb();
		await changeContacts(db, admin, { kind: 'add', contact });
		await changeContacts(db, admin, { kind: 'add', contact: { ...contact, name: 'Rape Crisis' } });
		const lines = (await auditLines(db)).length;
		const list = await loadContacts(db);
		const same = { ...contact, name: 'night bus OUTREACH', phone: '' };
		await expect(changeContacts(db, admin, { kind: 'add', contact: same })).rejects.toMatchObject({
			status: 409,
			field: 'name'
		});
		const other = list.findIndex((c) => c.name === 'Rape Crisis');
		await expect(
			changeContacts(db, admin, { kind: 'update', index: other, contact: same })
		).rejects.toMatchObject({ status: 409, field: 'name' });
		// Editing a contact under its own name is fine.
		const own = list.findIndex((c) => c.name === contact.name);
		await changeContacts(db, admin, { kind: 'update', index: own, contact: same });
		expect((await loadContacts(db))[own].name).toBe('night bus OUTREACH');
		expect((await auditLines(db)).length).toBe(lines + 1);
	});

	it('accept only dialable phone numbers and https web addresses', () => {
		const check = (c: Record<string, string>) =>
			v.safeParse(SupportContactSchema, { ...contact, ...c }).issues?.[0]?.message ?? 'ok';
		expect(check({})).toBe('ok');
		expect(check({ phone: '', url: '' })).toBe('ok');
		expect(check({ phone: 'call me' })).toMatch(/phone number/);
		expect(check({ phone: '12' })).toMatch(/phone number/);
		expect(check({ url: 'http://nightbus.example.org' })).toMatch(/https/);
		expect(check({ url: 'javascript:alert(1)' })).toMatch(/https/);
		expect(check({ url: 'https://user:pw@nightbus.example.org' })).toMatch(/https/);
		expect(check({ name: '   ' })).toMatch(/name/);
	});
});
