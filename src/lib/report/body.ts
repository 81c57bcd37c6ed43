import * as v from 'valibot';
import {
	MAX_EMAILS,
	MAX_FILE_BYTES,
	MAX_FILES,
	MAX_HANDLES,
	MAX_PHONES,
	MAX_VEHICLES
} from './limits';

/** The encrypted part of a report (DESIGN §4): everything but the envelope. Only the unit reads
 * it; the server validates it only on the no-JavaScript path, before sealing. */
const text = (max: number) =>
	v.pipe(v.string(), v.maxLength(max, `Please keep this under ${max} characters.`));
const list = <T extends v.GenericSchema>(item: T, max: number) =>
	v.pipe(v.array(item), v.maxLength(max));
const optionalChoice = <const T extends readonly string[]>(choices: T) =>
	v.union([v.literal(''), v.picklist(choices)]);

export const AGE_BANDS = ['under_18', '18_24', '25_34', '35_44', '45_plus'] as const;
export const VULNERABILITIES = [
	'immigration',
	'mental_health',
	'substances',
	'disability',
	'homeless',
	'language'
] as const;
export const CONTACT_PREFERENCES = ['none', 'outreach', 'phone', 'email'] as const;
export const AGREED_CHOICES = ['yes', 'no', 'not_asked'] as const;

export const VehicleSchema = v.strictObject({
	make: text(100),
	model: text(100),
	colour: text(100),
	registration: text(20)
});
export type Vehicle = v.InferOutput<typeof VehicleSchema>;

export const FileMetaSchema = v.strictObject({
	name: text(255),
	type: text(100),
	size: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_FILE_BYTES)),
	/** Pictures only (src/lib/report/pictures.ts): false when its hidden details could not be removed. */
	cleaned: v.optional(v.boolean())
});
export type FileMeta = v.InferOutput<typeof FileMetaSchema>;

export const ReportBodySchema = v.strictObject({
	v: v.literal(1),
	incident: v.strictObject({
		date: v.union([v.literal(''), v.pipe(v.string(), v.isoDate())]),
		time: v.union([v.literal(''), v.pipe(v.string(), v.isoTime())]),
		when: text(300),
		location: text(1000),
		narrative: text(20000),
		injuries: text(3000),
		weapon: text(1000)
	}),
	offender: v.strictObject({
		name: text(200),
		age_range: text(100),
		appearance: text(3000),
		accent: text(300),
		phones: list(text(60), MAX_PHONES),
		emails: list(text(200), MAX_EMAILS),
		handles: list(text(200), MAX_HANDLES),
		vehicles: list(VehicleSchema, MAX_VEHICLES),
		contact_method: text(1000)
	}),
	about_you: v.strictObject({
		age_band: optionalChoice(AGE_BANDS),
		vulnerabilities: list(v.picklist(VULNERABILITIES), VULNERABILITIES.length),
		notes: text(2000)
	}),
	third_party: v.nullable(
		v.strictObject({
			organisation: text(200),
			relationship: text(200),
			agreed: optionalChoice(AGREED_CHOICES)
		})
	),
	contact: v.strictObject({
		preference: optionalChoice(CONTACT_PREFERENCES),
		phone: text(60),
		email: text(200),
		outreach: text(200),
		safe_times: text(500),
		leave_message: optionalChoice(['yes', 'no'] as const)
	}),
	files: list(FileMetaSchema, MAX_FILES)
});
export type ReportBody = v.InferOutput<typeof ReportBodySchema>;
