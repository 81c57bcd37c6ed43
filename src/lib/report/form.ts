import { m } from '../paraglide/messages.js';
import * as v from 'valibot';
import { DEFAULT_AREAS, isOpenArea, type AreaEntry } from './areas';
import {
	AGE_BANDS,
	ReportBodySchema,
	VULNERABILITIES,
	type FileMeta,
	type ReportBody,
	type Vehicle
} from './body';
import { POLICE_CHOICES, REPORTER_KINDS, UNDER18_CHOICES } from './consent';
import { EnvelopeSchema, type Envelope } from './envelope';
import { INCIDENT_TYPES } from './incident-types';
import { MAX_EMAILS, MAX_HANDLES, MAX_PHONES, MAX_VEHICLES } from './limits';

/**
 * The report form as plain values, read from FormData. The browser (before encrypting) and the
 * server (no-JavaScript path, before sealing) both turn it into an envelope and a body with the
 * same function, so the two modes cannot drift apart.
 */
export interface ReportDraft {
	types: string[];
	date: string;
	time: string;
	when: string;
	month: string;
	area: string;
	location: string;
	narrative: string;
	injuries: string;
	weapon: string;
	off_name: string;
	off_age: string;
	off_appearance: string;
	off_accent: string;
	phone: string[];
	email: string[];
	handle: string[];
	vehicles: Vehicle[];
	contact_method: string;
	age_band: string;
	vulnerabilities: string[];
	about_notes: string;
	under18: string;
	reporter: string;
	tp_organisation: string;
	tp_relationship: string;
	tp_agreed: string;
	warn: string;
	police: string;
	contact_preference: string;
	contact_phone: string;
	contact_email: string;
	contact_outreach: string;
	contact_times: string;
	contact_message: string;
}

const SINGLE_FIELDS = [
	'date',
	'time',
	'when',
	'month',
	'area',
	'location',
	'narrative',
	'injuries',
	'weapon',
	'off_name',
	'off_age',
	'off_appearance',
	'off_accent',
	'contact_method',
	'age_band',
	'about_notes',
	'under18',
	'reporter',
	'tp_organisation',
	'tp_relationship',
	'tp_agreed',
	'warn',
	'police',
	'contact_preference',
	'contact_phone',
	'contact_email',
	'contact_outreach',
	'contact_times',
	'contact_message'
] as const;

/** The form's steps, who is reporting first so every later question is worded for the right
 * person; and the form step each field lives on, so an error can take the reporter straight to it. */
export const STEPS = ['who', 'what', 'person', 'you', 'consent', 'files', 'review'] as const;
export type Step = (typeof STEPS)[number];
export const FIELD_STEP: Record<string, Step> = {
	types: 'what',
	date: 'what',
	time: 'what',
	month: 'what',
	area: 'what',
	narrative: 'what',
	under18: 'you',
	reporter: 'who',
	warn: 'consent',
	police: 'consent',
	files: 'files',
	size: 'review'
};

export const emptyDraft = (month = currentMonth()): ReportDraft => ({
	types: [],
	...(Object.fromEntries(SINGLE_FIELDS.map((f) => [f, ''])) as Record<
		(typeof SINGLE_FIELDS)[number],
		string
	>),
	month,
	reporter: 'self',
	phone: [''],
	email: [''],
	handle: [''],
	vehicles: [{ make: '', model: '', colour: '', registration: '' }],
	vulnerabilities: []
});

export function currentMonth(now = new Date()): string {
	return now.toISOString().slice(0, 7);
}

/**
 * The most rows of each repeated field a draft holds: the body schema's maximum. Rows past it are
 * dropped when the form is read, so a draft (and the page that echoes it) never outgrows a report.
 */
export const LIST_LIMITS = {
	types: INCIDENT_TYPES.length,
	vulnerabilities: VULNERABILITIES.length,
	phone: MAX_PHONES,
	email: MAX_EMAILS,
	handle: MAX_HANDLES,
	vehicles: MAX_VEHICLES
} as const;

const str = (value: FormDataEntryValue | null): string =>
	typeof value === 'string' ? value.trim() : '';
const strings = (fd: FormData, name: string, max: number): string[] =>
	fd.getAll(name).slice(0, max).map(str);

export function draftFromFormData(fd: FormData): ReportDraft {
	const draft = emptyDraft('');
	for (const field of SINGLE_FIELDS) {
		draft[field] = str(fd.get(field));
	}
	draft.types = strings(fd, 'types', LIST_LIMITS.types);
	draft.vulnerabilities = strings(fd, 'vulnerabilities', LIST_LIMITS.vulnerabilities);
	draft.phone = strings(fd, 'phone', LIST_LIMITS.phone);
	draft.email = strings(fd, 'email', LIST_LIMITS.email);
	draft.handle = strings(fd, 'handle', LIST_LIMITS.handle);
	const makes = strings(fd, 'vehicle_make', LIST_LIMITS.vehicles);
	const models = strings(fd, 'vehicle_model', LIST_LIMITS.vehicles);
	const colours = strings(fd, 'vehicle_colour', LIST_LIMITS.vehicles);
	const regs = strings(fd, 'vehicle_reg', LIST_LIMITS.vehicles);
	const count = Math.max(makes.length, models.length, colours.length, regs.length);
	draft.vehicles = Array.from({ length: count }, (_, i) => ({
		make: makes[i] ?? '',
		model: models[i] ?? '',
		colour: colours[i] ?? '',
		registration: regs[i] ?? ''
	}));
	return draft;
}

export type FormErrors = Partial<Record<string, string>>;
export type ParsedReport =
	{ ok: true; envelope: Envelope; body: ReportBody } | { ok: false; errors: FormErrors };

const nonEmpty = (values: string[]) => values.filter((s) => s !== '');
const isChoice = <T extends readonly string[]>(list: T, value: string): value is T[number] =>
	(list as readonly string[]).includes(value);

/** Turns the form's values into the envelope and the body, or plain-language errors per field.
 * `areas` is the live list (the `areas` setting): a retired area is refused like an unknown one. */
export function parseDraft(
	draft: ReportDraft,
	files: FileMeta[],
	areas: readonly AreaEntry[] = DEFAULT_AREAS,
	lang = 'en'
): ParsedReport {
	const errors: FormErrors = {};
	if (draft.types.length === 0) {
		errors.types = m.form_err_types();
	} else if (!draft.types.every((t) => isChoice(INCIDENT_TYPES, t))) {
		errors.types = m.form_err_from_list();
	}
	if (!isOpenArea(areas, draft.area)) {
		errors.area = m.form_err_area();
	}
	if (draft.date && !/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) {
		errors.date = m.form_err_date();
	}
	const month = draft.date ? draft.date.slice(0, 7) : draft.month;
	if (!/^20\d\d-(0[1-9]|1[0-2])$/.test(month)) {
		errors.month = m.form_err_month();
	}
	if (draft.warn !== 'yes' && draft.warn !== 'no') {
		errors.warn = m.form_err_warn();
	}
	if (!isChoice(POLICE_CHOICES, draft.police)) {
		errors.police = m.form_err_police();
	}
	if (!isChoice(REPORTER_KINDS, draft.reporter)) {
		errors.reporter = m.form_err_reporter();
	}
	if (draft.under18 && !isChoice(UNDER18_CHOICES, draft.under18)) {
		errors.under18 = m.form_err_one();
	}
	if (Object.keys(errors).length > 0) {
		return { ok: false, errors };
	}

	// "Is the person under 18?" may be skipped like every question about the reporter; an age band
	// of under 18 still counts as yes, so a child is never routed as an adult by omission.
	const under18 = isChoice(UNDER18_CHOICES, draft.under18)
		? draft.under18
		: draft.age_band === 'under_18'
			? 'yes'
			: 'no';
	const envelope = {
		v: 1,
		types: INCIDENT_TYPES.filter((t) => draft.types.includes(t)),
		area: draft.area,
		month,
		under18,
		reporter: draft.reporter,
		warn: draft.warn === 'yes',
		police: draft.police,
		lang,
		attachments: files.length
	};
	const body = {
		v: 1,
		incident: {
			date: draft.date,
			time: draft.time,
			when: draft.when,
			location: draft.location,
			narrative: draft.narrative,
			injuries: draft.injuries,
			weapon: draft.weapon
		},
		offender: {
			name: draft.off_name,
			age_range: draft.off_age,
			appearance: draft.off_appearance,
			accent: draft.off_accent,
			phones: nonEmpty(draft.phone),
			emails: nonEmpty(draft.email),
			handles: nonEmpty(draft.handle),
			vehicles: draft.vehicles.filter((x) => x.make || x.model || x.colour || x.registration),
			contact_method: draft.contact_method
		},
		about_you: {
			age_band: isChoice(AGE_BANDS, draft.age_band) ? draft.age_band : '',
			vulnerabilities: draft.vulnerabilities,
			notes: draft.about_notes
		},
		third_party:
			draft.reporter === 'self'
				? null
				: {
						organisation: draft.tp_organisation,
						relationship: draft.tp_relationship,
						agreed: draft.tp_agreed
					},
		contact: {
			preference: draft.contact_preference,
			phone: draft.contact_phone,
			email: draft.contact_email,
			outreach: draft.contact_outreach,
			safe_times: draft.contact_times,
			leave_message: draft.contact_message
		},
		files
	};
	const env = v.safeParse(EnvelopeSchema, envelope);
	const parsed = v.safeParse(ReportBodySchema, body);
	if (!env.success || !parsed.success) {
		for (const issue of [...(env.issues ?? []), ...(parsed.issues ?? [])]) {
			errors[formFieldOf(issue.path?.map((p) => String(p.key)) ?? [])] ??= issue.message;
		}
		return { ok: false, errors };
	}
	return { ok: true, envelope: env.output, body: parsed.output };
}

const BODY_TO_FORM: Record<string, string> = {
	'offender.name': 'off_name',
	'offender.age_range': 'off_age',
	'offender.appearance': 'off_appearance',
	'offender.accent': 'off_accent',
	'offender.phones': 'phone',
	'offender.emails': 'email',
	'offender.handles': 'handle',
	'offender.vehicles': 'vehicles',
	'offender.contact_method': 'contact_method',
	'about_you.notes': 'about_notes',
	'third_party.organisation': 'tp_organisation',
	'third_party.relationship': 'tp_relationship',
	'contact.phone': 'contact_phone',
	'contact.email': 'contact_email',
	'contact.outreach': 'contact_outreach',
	'contact.safe_times': 'contact_times'
};

/** The form field a schema issue belongs to ("incident.narrative" -> "narrative"). */
function formFieldOf(path: string[]): string {
	const [section, field] = path;
	if (!section) {
		return 'form';
	}
	if (section === 'incident' && field) {
		return field;
	}
	return BODY_TO_FORM[`${section}.${field}`] ?? section;
}
