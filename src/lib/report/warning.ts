import * as v from 'valibot';
import { AreaCodeSchema } from './areas';
import { INCIDENT_TYPES } from './incident-types';
import {
	normalizeEmail,
	normalizeHandle,
	normalizePhone,
	normalizeRegistration,
	type Identifier,
	type IdentifierKind
} from './normalize';

/**
 * DESIGN §5.9: an ugly-mug warning, as the reviewer's browser composes it and the server stores it
 * in the clear. One schema for the editor, the staff API and the bulletin.
 */

export const WARNING_LIMITS = {
	title: 120,
	body: 2000,
	description: 1000,
	sourceNote: 200,
	identifiers: 30,
	identifier: 200,
	label: 120,
	check: 200
} as const;

export const IDENTIFIER_KINDS = [
	'phone',
	'email',
	'handle',
	'vehicle'
] as const satisfies readonly IdentifierKind[];

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
	phone: 'Phone',
	email: 'E-mail',
	handle: 'Online name',
	vehicle: 'Vehicle'
};

const NORMALIZERS: Record<IdentifierKind, (input: string) => string | null> = {
	phone: normalizePhone,
	email: normalizeEmail,
	handle: normalizeHandle,
	vehicle: normalizeRegistration
};

export const normalizeIdentifier = (kind: IdentifierKind, value: string): string | null =>
	NORMALIZERS[kind](value);

export const WARNING_STATUSES = ['draft', 'published', 'retracted'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

const text = (max: number, what: string) =>
	v.pipe(v.string(), v.maxLength(max, `${what}: please keep it under ${max} characters.`));
const required = (max: number, what: string) =>
	v.pipe(
		text(max, what),
		v.check((s) => s.trim() !== '', `${what}: please write something.`)
	);

/** One identifier as stored: normalized, so "check a number" can match it (DESIGN §5.6). */
export const WarningIdentifierSchema = v.pipe(
	v.strictObject({
		kind: v.picklist(IDENTIFIER_KINDS, 'An identifier has an unknown kind.'),
		value: text(WARNING_LIMITS.identifier, 'An identifier'),
		/** For a vehicle, what readers should look for: "silver Ford Focus". */
		label: text(WARNING_LIMITS.label, 'A vehicle description')
	}),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const { kind, value, label } = dataset.value;
		const normal = normalizeIdentifier(kind, value);
		if (normal === null) {
			addIssue({
				message: `This ${IDENTIFIER_LABELS[kind].toLowerCase()} cannot be read: “${value}”.`
			});
			return NEVER;
		}
		return { kind, value: normal, label: kind === 'vehicle' ? label.trim() : '' };
	})
);
export type WarningIdentifier = v.InferOutput<typeof WarningIdentifierSchema>;

export const MONTH_PATTERN = /^20\d\d-(0[1-9]|1[0-2])$/;

export const WarningContentSchema = v.strictObject({
	area: AreaCodeSchema,
	month: v.pipe(v.string(), v.regex(MONTH_PATTERN, 'The month must look like 2026-11.')),
	types: v.pipe(
		v.array(v.picklist(INCIDENT_TYPES, 'An incident type is unknown.')),
		v.minLength(1, 'Choose at least one thing that happened.'),
		v.maxLength(INCIDENT_TYPES.length),
		v.check((types) => new Set(types).size === types.length, 'A type is listed twice.')
	),
	title: required(WARNING_LIMITS.title, 'Headline'),
	body: required(WARNING_LIMITS.body, 'What happened'),
	description: text(WARNING_LIMITS.description, 'Description of the person'),
	identifiers: v.pipe(
		v.array(WarningIdentifierSchema),
		v.maxLength(WARNING_LIMITS.identifiers, `At most ${WARNING_LIMITS.identifiers} identifiers.`)
	),
	/** The last day readers see it, or '' for no end. */
	expires_on: v.union(
		[v.literal(''), v.pipe(v.string(), v.isoDate())],
		'The expiry date must be a date like 2027-02-28.'
	),
	/** Where a warning without a report came from; staff see it, readers do not. */
	source_note: text(WARNING_LIMITS.sourceNote, 'Where it came from')
});
export type WarningContent = v.InferOutput<typeof WarningContentSchema>;
export type WarningContentInput = v.InferInput<typeof WarningContentSchema>;

/** What a bulletin reader, the feed and the reporter see of a published warning. */
export interface PublishedWarning {
	id: string;
	area: string;
	month: string;
	types: string[];
	title: string;
	body: string;
	description: string;
	identifiers: WarningIdentifier[];
	published_at: string;
	updated_at: string;
	version: number;
	/** False for a warning written without a report (e.g. from an outreach team's call). */
	from_report: boolean;
}

/** Bulletin filters: a period counts back in whole months from this month. */
export const PERIODS = ['all', '1', '3', '6', '12'] as const;
export type Period = (typeof PERIODS)[number];
export const PERIOD_LABELS: Record<Period, string> = {
	all: 'Any time',
	'1': 'This month and last',
	'3': 'Last 3 months',
	'6': 'Last 6 months',
	'12': 'Last 12 months'
};

export const BulletinFilterSchema = v.object({
	area: v.optional(v.union([v.literal(''), AreaCodeSchema], 'Choose an area from the list.'), ''),
	type: v.optional(
		v.union([v.literal(''), v.picklist(INCIDENT_TYPES)], 'Choose a type from the list.'),
		''
	),
	period: v.optional(v.picklist(PERIODS, 'Choose a period from the list.'), 'all')
});
export type BulletinFilter = v.InferOutput<typeof BulletinFilterSchema>;

/** The earliest incident month a period includes, as YYYY-MM. */
export function periodStart(period: Period, now: Date): string | null {
	if (period === 'all') {
		return null;
	}
	const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - Number(period), 1));
	return d.toISOString().slice(0, 7);
}

/**
 * Every reading of what a reader typed into "check a number": the same text may be a phone
 * number, an e-mail, an online name or a number plate, and each is normalized as for linking.
 */
export function checkCandidates(input: string): Identifier[] {
	const text = input.trim();
	const found: Identifier[] = [];
	const add = (kind: IdentifierKind, value: string | null) => {
		if (value !== null && !found.some((f) => f.kind === kind && f.value === value)) {
			found.push({ kind, value });
		}
	};
	if (/^[+\d\s().\-/]+$/.test(text.replace(/^tel:/i, '')) && text.replace(/\D/g, '').length >= 7) {
		add('phone', normalizePhone(text));
	}
	if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.replace(/^mailto:/i, ''))) {
		add('email', normalizeEmail(text));
	}
	add('handle', normalizeHandle(text));
	const plate = normalizeRegistration(text);
	if (plate !== null && plate.length >= 2 && plate.length <= 8) {
		add('vehicle', plate);
	}
	return found;
}

/** How an identifier is shown: phones grouped as people write them, plates with their space. */
export function displayIdentifier(id: { kind: IdentifierKind; value: string }): string {
	if (id.kind === 'phone' && /^\+44\d{10}$/.test(id.value)) {
		return `0${id.value.slice(3, 7)} ${id.value.slice(7)}`;
	}
	if (id.kind === 'vehicle' && /^[A-Z]{2}\d{2}[A-Z]{3}$/.test(id.value)) {
		return `${id.value.slice(0, 4)} ${id.value.slice(4)}`;
	}
	if (id.kind === 'handle') {
		return '@' + id.value;
	}
	return id.value;
}

/** Staff API requests (DESIGN §6 error shape on refusal). */
export const CreateWarningRequest = v.strictObject({
	report_ref: v.nullable(
		v.pipe(
			v.string(),
			v.regex(/^SR-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'A report reference looks like SR-7K3M-9QX2.')
		)
	),
	content: WarningContentSchema
});
export const EditWarningRequest = v.strictObject({ content: WarningContentSchema });
export const PublishWarningRequest = v.strictObject({
	deviation_id: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64))), null)
});
