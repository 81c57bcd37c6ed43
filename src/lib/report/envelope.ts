import * as v from 'valibot';
import { AreaCodeSchema } from './areas';
import { POLICE_CHOICES, REPORTER_KINDS, UNDER18_CHOICES } from './consent';
import { INCIDENT_TYPES } from './incident-types';
import { MAX_FILES } from './limits';

/** DESIGN §4: the only report data the server can read. Strict: an unknown key is an error, so a
 * client cannot smuggle content into the clear part by mistake. */
export const EnvelopeSchema = v.strictObject({
	v: v.literal(1),
	types: v.pipe(
		v.array(v.picklist(INCIDENT_TYPES)),
		v.minLength(1, 'Choose at least one thing that happened.'),
		v.maxLength(INCIDENT_TYPES.length),
		v.check((types) => new Set(types).size === types.length, 'A type is listed twice.')
	),
	// A code from the live list (the `areas` setting); the server checks it is open on arrival.
	area: AreaCodeSchema,
	month: v.pipe(
		v.string(),
		v.regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'The month must look like 2026-11.')
	),
	under18: v.picklist(UNDER18_CHOICES),
	reporter: v.picklist(REPORTER_KINDS),
	warn: v.boolean(),
	police: v.picklist(POLICE_CHOICES),
	// The language the reporter used (BCP 47: "ro", "pt-BR"), so staff can reply in it.
	lang: v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/)),
	attachments: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_FILES))
});
export type Envelope = v.InferOutput<typeof EnvelopeSchema>;
