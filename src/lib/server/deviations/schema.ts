import * as v from 'valibot';
import { ed25519Signature } from '../audit/schema';
import { REPORT_REF_PATTERN } from '../../report/vocabulary';

/** A rationale long enough to say what was decided and why; short enough to stay a record. */
export const DEVIATION_TEXT_MIN = 20;
export const DEVIATION_TEXT_MAX = 8000;

export const reportRef = v.pipe(
	v.string(),
	v.regex(REPORT_REF_PATTERN, 'A report reference looks like SR-7K3M-9QX2.')
);

/** Exactly the fields of DESIGN §5.7, nothing more: the stored JSON is what was signed. */
export const DeviationRecordSchema = v.strictObject({
	v: v.literal(1),
	kind: v.literal('policy_deviation'),
	staff_id: v.pipe(v.string(), v.maxLength(64)),
	at: v.pipe(v.string(), v.isoTimestamp('The record has no valid date.')),
	report_ref: v.nullable(reportRef),
	text: v.pipe(
		v.string(),
		v.check(
			(text) => text.trim().length >= DEVIATION_TEXT_MIN,
			`Write at least ${DEVIATION_TEXT_MIN} characters: what you decided and why.`
		),
		v.maxLength(DEVIATION_TEXT_MAX, `Keep it under ${DEVIATION_TEXT_MAX} characters.`)
	)
});

/** What the browser sends: the record and its detached Ed25519 signature. */
export const DeviationSubmission = v.object({
	record: DeviationRecordSchema,
	signature: ed25519Signature
});

/** The same, as form fields: the record travels as JSON text. */
export const DeviationForm = v.object({
	record: v.pipe(
		v.string(),
		v.maxLength(4 * DEVIATION_TEXT_MAX),
		v.parseJson(undefined, 'The record is malformed. Reload the page and try again.'),
		DeviationRecordSchema
	),
	signature: ed25519Signature
});
