import type { Kysely } from 'kysely';
import * as v from 'valibot';
import {
	AREA_UNKNOWN,
	AreaListSchema,
	DEFAULT_AREAS,
	isKnownArea,
	isOpenArea,
	newAreaCode,
	type AreaEntry
} from '../../report/areas';
import type { Db } from '../db';
import type { Database, Staff } from '../db/schema';
import { DomainError } from '../errors';
import { changeSetting } from './change';
import { getSetting } from './store';

const KEY = 'areas';

/** The live list of areas, retired ones included (old reports still name them). */
export async function loadAreas(db: Kysely<Database>): Promise<AreaEntry[]> {
	const json = await getSetting(db, KEY);
	if (json !== undefined) {
		try {
			const parsed = v.safeParse(AreaListSchema, JSON.parse(json));
			if (parsed.success) {
				return parsed.output;
			}
		} catch {
			// a hand-edited value that no longer parses: the defaults keep the form usable
		}
	}
	return DEFAULT_AREAS.map((a) => ({ ...a }));
}

/** A new report may name only an area the form offers today. */
export async function requireOpenArea(db: Kysely<Database>, code: string) {
	const areas = await loadAreas(db);
	if (!isOpenArea(areas, code)) {
		throw new DomainError(
			400,
			isKnownArea(areas, code) ? 'retired_area' : 'unknown_area',
			isKnownArea(areas, code)
				? 'This area is no longer used. Choose another area, or "I don\'t know".'
				: 'Unknown area. Choose one from the list, or "I don\'t know".',
			'area'
		);
	}
}

/** A warning may name any area in the list, a retired one too (it may be about an old report). */
export async function requireKnownArea(db: Kysely<Database>, code: string) {
	if (!isKnownArea(await loadAreas(db), code)) {
		throw new DomainError(400, 'unknown_area', 'Choose an area from the list.', 'area');
	}
}

type AreaChange =
	| { kind: 'add'; label: string }
	| { kind: 'rename'; code: string; label: string }
	| { kind: 'retire'; code: string }
	| { kind: 'restore'; code: string };

/** Adds, renames, retires or restores one area. A code, once given, never changes. */
export function changeArea(db: Db, admin: Staff, change: AreaChange): Promise<AreaEntry> {
	return changeSetting(db, admin, KEY, async (trx) => {
		const list = await loadAreas(trx);
		const { next, area, detail } = applyAreaChange(list, change);
		return { value: JSON.stringify(next), result: area, detail };
	});
}

function applyAreaChange(list: AreaEntry[], change: AreaChange) {
	const sameLabel = (label: string, except?: string) =>
		list.some((a) => a.code !== except && a.label.toLowerCase() === label.toLowerCase());
	if (change.kind === 'add') {
		if (sameLabel(change.label)) {
			throw new DomainError(409, 'conflict', 'An area with that name already exists.', 'label');
		}
		const area = { code: newAreaCode(list, change.label), label: change.label, retired: false };
		return {
			next: [...list, area],
			area,
			detail: { change: 'add', code: area.code, new: area.label }
		};
	}
	const area = list.find((a) => a.code === change.code);
	if (!area) {
		throw new DomainError(404, 'not_found', 'That area is not in the list. Reload the page.');
	}
	const replace = (updated: AreaEntry) => list.map((a) => (a.code === area.code ? updated : a));
	if (change.kind === 'rename') {
		if (change.label === area.label) {
			throw new DomainError(400, 'unchanged', 'That is already its name.', 'label');
		}
		if (sameLabel(change.label, area.code)) {
			throw new DomainError(409, 'conflict', 'Another area has that name.', 'label');
		}
		const updated = { ...area, label: change.label };
		return {
			next: replace(updated),
			area: updated,
			detail: { change: 'rename', code: area.code, old: area.label, new: updated.label }
		};
	}
	const retire = change.kind === 'retire';
	if (area.retired === retire) {
		throw new DomainError(
			409,
			'conflict',
			retire ? 'That area is already retired.' : 'That area is in use already.'
		);
	}
	if (retire && area.code === AREA_UNKNOWN) {
		throw new DomainError(
			400,
			'invalid',
			'"I don\'t know" stays: it is the answer for anyone who is not sure where it happened.'
		);
	}
	const updated = { ...area, retired: retire };
	return {
		next: replace(updated),
		area: updated,
		detail: {
			change: change.kind,
			code: area.code,
			label: area.label,
			old: area.retired ? 'retired' : 'in use',
			new: retire ? 'retired' : 'in use'
		}
	};
}
